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

module.exports = { launch, run, signIn, watch };
