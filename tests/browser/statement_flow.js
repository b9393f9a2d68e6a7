// The Dealer Financial Statement in the desk, in headless Chromium: an accountant opens the report on a
// month with postings; the departments and the totals show with figures, no error dialog; a
// screenshot of the report goes to the shots folder. Driven by tests/browser/test_statement_browser.py.
//
//   NODE_PATH=<dir with playwright-core> node statement_flow.js <rig.json> <base url> <screenshot dir>
//
// Prints one JSON line with what it saw; exits non-zero when a step fails.
const fs = require("fs");
const path = require("path");
const { run, showReport, signIn, watch } = require("./browser");

const [rigFile, base, shots] = process.argv.slice(2);
const rig = JSON.parse(fs.readFileSync(rigFile, "utf8"));
const result = { screenshots: [], errors: [] };

fs.mkdirSync(shots, { recursive: true });
run(result, async (browser) => {
	const context = await browser.newContext({ viewport: { width: 2300, height: 1150 } });
	context.setDefaultTimeout(60000);
	// a wide screen and the desk's "Toggle Full Width": the statement has 13 columns
	await context.addInitScript(() => localStorage.setItem("container_fullwidth", "true"));
	const page = await context.newPage();
	watch(page, rig.user, result.errors);
	await signIn(page, base, rig.user, rig.password);
	const file = path.join(shots, "dealer-financial-statement.png");
	Object.assign(result, await showReport(page, base, "Dealer Financial Statement", { company: rig.company, year: rig.year, month: rig.month }, file));
	result.screenshots.push(file);
});
