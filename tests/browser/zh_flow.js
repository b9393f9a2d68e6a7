// The desk and the portal in Simplified Chinese, in headless Chromium: a desk user whose language is
// zh opens the DMS workspace, a repair order and a vehicle deal; an English-speaking Administrator
// prints the deal of a zh customer; customer A (language zh) walks through the portal pages.
// Driven by tests/browser/test_zh_browser.py.
//
//   NODE_PATH=<dir with playwright-core> node zh_flow.js <rig.json> <base url> <screenshot dir>
//
// Prints one JSON line with what it saw; exits non-zero when a step fails.
const fs = require("fs");
const path = require("path");
const { run, settle, signIn, watch } = require("./browser");

const [rigFile, base, shots] = process.argv.slice(2);
const rig = JSON.parse(fs.readFileSync(rigFile, "utf8"));
const result = { screenshots: [], errors: [] };

async function shot(page, name) {
	const file = path.join(shots, `zh-${name}.png`);
	await page.screenshot({ path: file, fullPage: false });
	result.screenshots.push(file);
}

async function login(browser, user, password, viewport = { width: 1366, height: 900 }) {
	const context = await browser.newContext({ viewport, locale: "zh-CN" });
	// the test server answers one request at a time: a first desk load after a cache clear is slow
	context.setDefaultTimeout(60000);
	const page = await context.newPage();
	watch(page, user, result.errors);
	await signIn(page, base, user, password);
	return page;
}

// Within the desk, as a user clicks through: the route changes and the desk is not loaded again.
async function openForm(page, doctype, name) {
	await page.evaluate(([dt, dn]) => frappe.set_route("Form", dt, dn), [doctype, name]);
	await page.waitForFunction(
		([dt, dn]) => window.cur_frm && cur_frm.doctype === dt && cur_frm.docname === dn && cur_frm.doc,
		[doctype, name]
	);
	await settle(page);
}

// The texts a user reads as labels on the open form: field and section labels, tabs, grid column
// heads, buttons and button groups in the page head.
function formLabels(page) {
	return page.evaluate(() => {
		const selectors = [
			".layout-main-section .control-label",
			".layout-main-section .section-head",
			".form-tabs .nav-link",
			".grid-heading-row .static-area",
			".page-head .page-actions button",
			".page-head .inner-group-button > button",
			".page-head .custom-actions button",
		];
		const seen = new Set();
		for (const el of document.querySelectorAll(selectors.join(","))) {
			if (el.offsetParent === null) continue; // hidden
			const text = el.innerText.trim();
			if (text) seen.add(text);
		}
		return [...seen];
	});
}

// The fields' help texts shown on the open form, one entry per line (a Datetime field adds its time zone).
function formHelp(page) {
	return page.evaluate(() =>
		[...document.querySelectorAll(".layout-main-section .help-box")]
			.filter((el) => el.offsetParent !== null)
			.flatMap((el) => el.innerText.split("\n"))
			.map((text) => text.trim())
			.filter(Boolean)
	);
}

fs.mkdirSync(shots, { recursive: true });
run(result, async (browser) => {
	// ---------------------------------------------------------------- desk, in zh
	const desk = await login(browser, rig.desk_user, rig.password);
	await desk.waitForFunction(() => window.frappe?.boot?.lang && frappe.get_route);
	result.boot_lang = await desk.evaluate(() => frappe.boot.lang);
	await desk.evaluate(() => frappe.set_route("dms"));
	await desk.waitForFunction(() => frappe.get_route()[0] === "Workspaces" && frappe.get_route()[1] === "DMS");
	// every number card has its count
	await desk.waitForFunction(() => {
		const cards = [...document.querySelectorAll(".number-widget-box")];
		return cards.length && cards.every((card) => card.querySelector(".number"));
	});
	await settle(desk); // the charts draw
	result.workspace_sidebar = await desk.evaluate(() =>
		[...document.querySelectorAll(".standard-sidebar-section .sidebar-item-label")].map((el) => el.innerText.trim())
	);
	result.workspace_title = (await desk.title()).trim();
	await shot(desk, "01-workspace");

	await openForm(desk, "Repair Order", rig.A.ro);
	result.repair_order_labels = await formLabels(desk);
	result.repair_order_help = await formHelp(desk);
	await shot(desk, "02-repair-order");

	await openForm(desk, "Vehicle Deal", rig.deal);
	result.deal_labels = await formLabels(desk);
	await shot(desk, "03-vehicle-deal");
	await desk.context().close();

	// ---------------------------------------------------------------- an English desk prints for a zh customer
	const admin = await login(browser, "Administrator", process.env.DMS_ADMIN_PASSWORD || "admin");
	await admin.goto(base + `/app/print/Vehicle Deal/${encodeURIComponent(rig.deal)}`);
	const language = admin.locator('.frappe-control[data-fieldname="language"] select, .frappe-control[data-fieldname="language"] input').first();
	await language.waitFor();
	await settle(admin);
	result.print_language = await language.inputValue();
	const sheet = await admin.request.get(
		base + `/printview?doctype=Vehicle%20Deal&name=${encodeURIComponent(rig.deal)}` +
			`&format=Vehicle%20Deal%20Sheet&_lang=${encodeURIComponent(result.print_language)}`
	);
	result.deal_sheet = (await sheet.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
	await admin.goto(base + `/printview?doctype=Vehicle%20Deal&name=${encodeURIComponent(rig.deal)}` +
		`&format=Vehicle%20Deal%20Sheet&_lang=${encodeURIComponent(result.print_language)}`);
	await shot(admin, "04-deal-sheet");
	await admin.context().close();

	// ---------------------------------------------------------------- portal, customer A in zh
	const portal = await login(browser, rig.A.user, rig.password, { width: 1280, height: 900 });
	result.portal_titles = {};
	result.portal_sections = {};
	for (const [name, route, ready] of [
		["05-my-vehicles", "/my-vehicles", `.dms-card[data-vin="${rig.A.vin}"]`],
		["06-vehicle", `/my-vehicles/${rig.A.vin}`, `tr[data-ro="${rig.A.ro}"]`],
		["07-repair-status", "/repair-status", ".dms-ro"],
		["08-book-service", `/book-service?vehicle=${rig.A.vin}`, ".dms-portal-title"],
	]) {
		await portal.goto(base + route);
		await portal.waitForSelector(ready);
		result.portal_titles[name] = (await portal.textContent(".dms-portal-title")).trim();
		result.portal_sections[name] = (await portal.locator(".dms-section-title").allTextContents()).map((t) => t.trim());
		await shot(portal, name);
	}
	await portal.context().close();
});
