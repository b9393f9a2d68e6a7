// The Dealer Financial Statement in the desk, in headless Chromium: an accountant opens the report on a
// month with postings; the departments and the totals show with figures, no error dialog; a
// screenshot of the report goes to the shots folder. Driven by tests/browser/test_statement_browser.py.
//
//   NODE_PATH=<dir with playwright-core> node statement_flow.js <rig.json> <base url> <screenshot dir>
//
// Prints one JSON line with what it saw; exits non-zero when a step fails.
const fs = require("fs");
const path = require("path");
const { run, signIn, watch } = require("./browser");

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
	const query = new URLSearchParams({ company: rig.company, year: rig.year, month: rig.month });
	await page.goto(`${base}/app/query-report/Dealer Financial Statement?${query}`);
	await page.waitForFunction(
		() => window.frappe?.query_report?.data?.length && document.querySelector(".dt-scrollable .dt-row")
	);
	await page.waitForTimeout(1500); // the datatable lays out its columns
	Object.assign(
		result,
		await page.evaluate(() => {
			const report = frappe.query_report;
			const rows = [...document.querySelectorAll(".dt-scrollable .dt-row")].map((row) =>
				[...row.querySelectorAll(".dt-cell__content")].map((cell) => cell.innerText.trim())
			);
			const dialogs = [...document.querySelectorAll(".modal.show")].map((m) => m.innerText.trim());
			return {
				title: report.report_name,
				columns: report.columns.map((c) => c.label),
				data: report.data.map((r) => r.line || ""),
				rows,
				dialogs,
				summary: [...document.querySelectorAll(".report-summary .summary-item")].map((el) =>
					el.innerText.trim()
				),
			};
		})
	);
	const file = path.join(shots, "dealer-financial-statement.png");
	await page.screenshot({ path: file, fullPage: true });
	result.screenshots.push(file);
});
