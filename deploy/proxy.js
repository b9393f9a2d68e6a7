// The front of `./dms up --production`, in place of nginx: one port for the browser, as a dealer's
// load balancer gives it. /socket.io goes to Frappe's realtime server (node apps/frappe/socketio.js,
// one per bench), everything else to gunicorn. Every request names the site in X-Frappe-Site-Name,
// as bench's nginx config does, so the desk works at http://127.0.0.1:<port> too.
//
//   DMS_SITE=<site> DMS_PROXY_PORT=8000 DMS_BACKEND_PORT=<gunicorn> DMS_SOCKETIO_PORT=9000 node proxy.js
// Node's standard library only.
const http = require("node:http");
const net = require("node:net");

const site = process.env.DMS_SITE;
const listen = Number(process.env.DMS_PROXY_PORT);
const backend = Number(process.env.DMS_BACKEND_PORT);
const socketio = Number(process.env.DMS_SOCKETIO_PORT || 9000);

function target(url) {
	return url.startsWith("/socket.io/") || url === "/socket.io" ? socketio : backend;
}

// The realtime server checks that Origin names the host the page came from, and calls the web
// server back at Origin; browsers send no Origin on same-origin GETs (socket.io's polling), so it is
// set here as bench's nginx config sets it.
function headers(req) {
	const forwarded = req.headers["x-forwarded-for"];
	const client = req.socket.remoteAddress;
	const proto = req.headers["x-forwarded-proto"] || "http";
	const extra = target(req.url) === socketio ? { origin: `${proto}://${req.headers.host}` } : {};
	return {
		...req.headers,
		...extra,
		"x-frappe-site-name": site,
		"x-forwarded-for": forwarded ? `${forwarded}, ${client}` : client,
		"x-forwarded-proto": proto,
	};
}

const server = http.createServer((req, res) => {
	const upstream = http.request(
		{ host: "127.0.0.1", port: target(req.url), method: req.method, path: req.url, headers: headers(req) },
		(answer) => {
			res.writeHead(answer.statusCode, answer.rawHeaders);
			answer.pipe(res);
		}
	);
	upstream.on("error", (e) => {
		if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
		res.end(`upstream unavailable: ${e.message}\n`);
	});
	req.pipe(upstream);
});

// WebSocket upgrades (socket.io after its first polling requests): pass the raw bytes both ways.
server.on("upgrade", (req, client, head) => {
	const upstream = net.connect(target(req.url), "127.0.0.1", () => {
		const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
		for (const [name, value] of Object.entries(headers(req))) lines.push(`${name}: ${value}`);
		upstream.write(lines.join("\r\n") + "\r\n\r\n");
		if (head && head.length) upstream.write(head);
		upstream.pipe(client);
		client.pipe(upstream);
	});
	upstream.on("error", () => client.destroy());
	client.on("error", () => upstream.destroy());
});

server.keepAliveTimeout = 75000;
server.listen(listen, "0.0.0.0", () => {
	console.log(`dms proxy for ${site} on :${listen} -> gunicorn :${backend}, socket.io :${socketio}`);
});
