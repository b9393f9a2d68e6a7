// The desk's realtime connection, in headless Chromium: a desk user signs in, the desk connects to
// socket.io (through the front proxy in production mode), and progress the server publishes for that
// user arrives and shows as Frappe's progress bar. Driven by tests/browser/test_production_realtime.py,
// which publishes the progress once this script prints "ready".
//
//   NODE_PATH=<dir with playwright-core> node realtime_flow.js <rig.json> <base url> <screenshot dir>
//
// Prints one JSON line with what it saw; exits non-zero when a step fails.
const fs = require("fs");
const path = require("path");
const { run, signIn, watch } = require("./browser");

const [rigFile, base, shots] = process.argv.slice(2);
const rig = JSON.parse(fs.readFileSync(rigFile, "utf8"));
const result = { errors: [], socket_console: [], progress: [], screenshots: [] };

run(result, async (browser) => {
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	context.setDefaultTimeout(60000);
	const page = await context.newPage();
	watch(page, rig.user, result.errors);
	page.on("console", (message) => {
		const text = message.text();
		if (/socket\.io/i.test(text)) result.socket_console.push(`${message.type()}: ${text}`);
	});
	await signIn(page, base, rig.user, rig.password);
	await page.goto(base + "/app/todo");
	await page.waitForFunction(() => window.frappe && frappe.realtime && frappe.realtime.socket);
	await page.evaluate(() => {
		window.__progress = [];
		frappe.realtime.on("progress", (data) => window.__progress.push(data));
	});
	await page.waitForFunction(() => frappe.realtime.socket.connected, null, { timeout: 30000 });
	result.socket_id = await page.evaluate(() => frappe.realtime.socket.id);
	result.transport = await page.evaluate(() => frappe.realtime.socket.io.engine.transport.name);
	console.log("ready");
	await page.waitForFunction(() => window.__progress.some((p) => p.percent === 100), null, {
		timeout: 30000,
	});
	result.progress = await page.evaluate(() => window.__progress);
	const file = path.join(shots, "realtime-progress.png");
	await page.screenshot({ path: file });
	result.screenshots.push(file);
	await page.waitForTimeout(1000); // a late connect_error would show in the console
});
