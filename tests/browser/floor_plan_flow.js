// The Floor Plan Audit in the desk, in headless Chromium: an accountant opens the report on a lender's
// line; each financed vehicle shows with its certificate location and holder, no error dialog; a
// screenshot goes to the shots folder. Driven by tests/browser/test_floor_plan_browser.py.
//
//   NODE_PATH=<dir with playwright-core> node floor_plan_flow.js <rig.json> <base url> <screenshot dir>
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
	const context = await browser.newContext({ viewport: { width: 1920, height: 900 } });
	context.setDefaultTimeout(60000);
	await context.addInitScript(() => localStorage.setItem("container_fullwidth", "true")); // full width
	const page = await context.newPage();
	watch(page, rig.user, result.errors);
	await signIn(page, base, rig.user, rig.password);
	const file = path.join(shots, "floor-plan-audit.png");
	Object.assign(result, await showReport(page, base, "Floor Plan Audit", { lender: rig.lender }, file));
	result.screenshots.push(file);
});
