// What the browser flows share: Debian's Chromium, headless, and the login form.
const { chromium } = require("playwright-core");

function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
	});
}

// Records a page's JavaScript errors and HTTP 5xx answers in `errors`, each marked with `user`.
function watch(page, user, errors) {
	page.on("pageerror", (error) => errors.push(`${user}: JavaScript error: ${error.message}`));
	page.on("response", (response) => {
		if (response.status() >= 500) errors.push(`${user}: HTTP ${response.status()} ${response.url()}`);
	});
}

// Signs in through /login, as a person would; resolves once the browser has left the login page.
async function signIn(page, base, user, password, timeout) {
	await page.goto(base + "/login");
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL((url) => !url.pathname.startsWith("/login"), timeout ? { timeout } : {});
}

// Runs `flow(browser)` in a new Chromium and prints `result` as the last line of output (JSON), with
// the error when the flow failed (exit 1): what the Python side reads.
function run(result, flow) {
	(async () => {
		const browser = await launch();
		try {
			await flow(browser);
		} finally {
			await browser.close();
		}
		console.log(JSON.stringify(result));
	})().catch((e) => {
		console.error(e);
		console.log(JSON.stringify({ error: String(e), ...result }));
		process.exit(1);
	});
}

// Opens a query report with `filters` (the page signed in), waits for its rows, and returns what a
// person sees: title, columns, the data behind the rows, the rows' cell texts, the summary cards and
// any open dialog; a full-page screenshot goes to `shot`.
async function showReport(page, base, report, filters, shot) {
	const query = new URLSearchParams(filters);
	await page.goto(`${base}/app/query-report/${report}?${query}`);
	await page.waitForFunction(
		() => window.frappe?.query_report?.data?.length && document.querySelector(".dt-scrollable .dt-row")
	);
	await settle(page); // the datatable lays out its columns
	const seen = await page.evaluate(() => {
		const report = frappe.query_report;
		const texts = (selector, root = document) =>
			[...root.querySelectorAll(selector)].map((el) => el.innerText.trim());
		return {
			title: report.report_name,
			columns: report.columns.map((c) => c.label),
			data: report.data,
			rows: [...document.querySelectorAll(".dt-scrollable .dt-row")].map((row) =>
				texts(".dt-cell__content", row)
			),
			dialogs: texts(".modal.show"),
			summary: texts(".report-summary .summary-item"),
		};
	});
	await page.screenshot({ path: shot, fullPage: true });
	return seen;
}

// Resolves once the desk has had no request of its own in flight for `quiet` ms: what a step's
// follow-up (a form's triggers, a reload, a dialog's callback) needs before the next step, without a
// fixed sleep sized for the slowest machine. (Not the freeze count: an open grid row is a freeze.)
async function settle(page, quiet = 250, timeout = 30000) {
	await page.waitForFunction(
		(ms) => {
			const busy = frappe.request.ajax_count > 0;
			const now = performance.now();
			if (busy || window.__dmsQuietSince === undefined) window.__dmsQuietSince = busy ? undefined : now;
			return !busy && now - window.__dmsQuietSince >= ms;
		},
		quiet,
		{ timeout, polling: 50 }
	);
	await page.evaluate(() => delete window.__dmsQuietSince);
}

module.exports = { launch, run, settle, showReport, signIn, watch };
