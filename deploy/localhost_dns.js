// Preloaded into Frappe's realtime server (node -r): it checks each browser's session by calling back
// the web server at the page's origin, and the demo's origins are <site>.localhost names, which
// browsers resolve to the loopback address (RFC 6761) but glibc does not without /etc/hosts lines.
// A dealer's real host names never end in .localhost, so this changes nothing for them.
const dns = require("node:dns");

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
	if (typeof hostname === "string" && hostname.endsWith(".localhost")) {
		if (typeof options === "function") [callback, options] = [options, {}];
		if (typeof options === "number") options = { family: options };
		const address = { address: "127.0.0.1", family: 4 };
		return process.nextTick(() =>
			options && options.all ? callback(null, [address]) : callback(null, "127.0.0.1", 4)
		);
	}
	return lookup.call(this, hostname, options, callback);
};
