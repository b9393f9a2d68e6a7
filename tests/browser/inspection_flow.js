// The digital inspection in headless Chromium: the technician's Vehicle Inspection form on a phone
// (390×844) and the customer's /repair-status with the inspection, photo, price and buttons.
// Driven by tests/browser/test_inspection_browser.py.
//
//   NODE_PATH=<dir with playwright-core> node inspection_flow.js <rig.json> <base url> <shots>
const fs = require("fs");
const path = require("path");
const { run, settle, signIn, watch } = require("./browser");

const [rigFile, base, shots] = process.argv.slice(2);
const rig = JSON.parse(fs.readFileSync(rigFile, "utf8"));
const result = { screenshots: [], errors: [] };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function shot(page, name, fullPage = false) {
	const file = path.join(shots, `inspection-${name}.png`);
	await page.screenshot({ path: file, fullPage });
	result.screenshots.push(file);
}

run(result, async (browser) => {
	// the technician's form
	const desk = await (await browser.newContext(PHONE)).newPage();
	watch(desk, rig.advisor, result.errors);
	await signIn(desk, base, rig.advisor, rig.password, 30000);
	await desk.goto(`${base}/app/vehicle-inspection/${rig.draft}`);
	await desk.waitForFunction((name) => window.cur_frm && cur_frm.doc.name === name, rig.draft, { timeout: 30000 });
	await settle(desk);
	result.form_rows = await desk.evaluate(() => cur_frm.doc.items.map((r) => [r.check_item, r.rating]));
	result.phone_width = await desk.evaluate(() => document.documentElement.scrollWidth);
	await shot(desk, "technician-form");
	// a row opened as the technician edits it: reading, colour, note, photo
	// (the grid's edit icon sits past the phone's edge: open the row as a tap on it does)
	await desk.evaluate(() => cur_frm.fields_dict.items.grid.grid_rows[0].toggle_view(true));
	await desk.waitForSelector(".grid-row-open", { timeout: 15000 });
	await settle(desk);
	await shot(desk, "technician-row");

	// the customer's portal
	const portal = await (await browser.newContext(PHONE)).newPage();
	watch(portal, rig.customer_user, result.errors);
	await signIn(portal, base, rig.customer_user, rig.password, 30000);
	await portal.goto(`${base}/repair-status`);
	await portal.waitForSelector(".dms-inspection", { timeout: 30000 });
	await portal.waitForFunction(() => {
		const img = document.querySelector(".dms-inspection-media img");
		return img && img.complete && img.naturalWidth > 0;
	}, null, { timeout: 30000 });
	result.portal = await portal.evaluate(() => ({
		items: [...document.querySelectorAll(".dms-inspection-item")].map((el) => el.dataset.rating),
		photo_width: document.querySelector(".dms-inspection-media img").naturalWidth,
		buttons: document.querySelectorAll(".dms-inspection .dms-approve").length,
		price: document.querySelector(".dms-recommendation .dms-line-amount")?.textContent.trim(),
	}));
	await portal.locator(".dms-inspection").scrollIntoViewIfNeeded();
	await shot(portal, "portal", true);
	// the photo's own private URL is closed to the customer
	const fileUrl = await desk.evaluate(
		(name) => frappe.db.get_value("File", name, "file_url").then((r) => r.message.file_url),
		rig.files[0]
	);
	result.private_url_status = (await portal.request.get(base + fileUrl)).status();
	result.media_status = (
		await portal.request.get(`${base}/api/method/dms_app.api.portal.inspection_media?file=${rig.files[0]}`)
	).status();
	if (result.errors.length) throw new Error(result.errors.join("; "));
});
