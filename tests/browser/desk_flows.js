// Desk walkthroughs in headless Chromium, through the screens: a salesperson's deal and an
// advisor's workshop day. Driven by tests/browser/test_desk_walkthrough.py.
//
//   NODE_PATH=<dir with playwright-core> node desk_flows.js <sales|service> <rig.json> <base url> <shots>
//
// Fails (exit 1, with the reason in the last JSON line) on any JavaScript error in a page, any
// HTTP 5xx answer, or a step that does not reach its state.
const fs = require("fs");
const path = require("path");
const { launch, settle, signIn, watch } = require("./browser");

const [flow, rigFile, base, shots] = process.argv.slice(2);
const rig = JSON.parse(fs.readFileSync(rigFile, "utf8"));
const result = { flow, screenshots: [], errors: [] };

function check(condition, message) {
	if (!condition) throw new Error(message);
}

async function desk(browser, user) {
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const page = await context.newPage();
	watch(page, user, result.errors);
	await signIn(page, base, user, rig.password, 30000);
	await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 30000 });
	return page;
}

async function shot(page, name) {
	const file = path.join(shots, `${flow}-${name}.png`);
	await page.screenshot({ path: file, fullPage: false });
	result.screenshots.push(file);
}

async function formReady(page, doctype) {
	await page.waitForFunction(
		(dt) => window.cur_frm && cur_frm.doctype === dt && cur_frm.doc && !cur_frm.is_form_builder?.(),
		doctype,
		{ timeout: 30000 }
	);
	await settle(page);
}

async function openForm(page, route, doctype) {
	await page.goto(base + route);
	await formReady(page, doctype);
}

function control(fieldname) {
	return `.frappe-control[data-fieldname="${fieldname}"]`;
}

// Type into a Link field and pick the value from its dropdown, as a user does.
async function setLink(page, fieldname, value) {
	const input = page.locator(`${control(fieldname)} input:visible`).first();
	await input.click();
	await input.fill(value);
	const option = page.locator(".awesomplete [role='option']:visible").filter({ hasText: value }).first();
	try {
		await option.waitFor({ timeout: 15000 });
	} catch (error) {
		result.debug = await page.evaluate((f) => document.querySelector(`.frappe-control[data-fieldname="${f}"]`).outerHTML.slice(0, 3000), fieldname);
		throw error;
	}
	await option.click();
	await page.waitForFunction(([f, v]) => cur_frm.doc[f] === v, [fieldname, value], { timeout: 15000 });
}

async function setValue(page, fieldname, value) {
	const input = page.locator(`${control(fieldname)} input:visible`).first();
	await input.click();
	await input.fill(String(value));
	await input.evaluate((el) => el.blur()); // a change, as leaving the field (Tab would open the next grid)
	await settle(page);
}

async function save(page) {
	await page.keyboard.press("Control+s");
	await page.waitForFunction(() => !cur_frm.doc.__islocal && !cur_frm.is_dirty(), null, { timeout: 30000 });
	await settle(page);
}

async function confirmIfAsked(page, timeout = 2500) {
	const yes = page.locator(".modal:visible .modal-footer button:visible").filter({ hasText: /^\s*(Yes|Confirm|Submit)\s*$/ }).last();
	try {
		await yes.waitFor({ timeout });
		await yes.click();
	} catch (e) {
		// no confirmation asked
	}
}

// A workflow action from the form's Actions menu; a confirmation, if one is asked, is answered Yes
// (waiting for whichever comes first, the state or the question, rather than a fixed time for it).
async function workflowAction(page, label, state) {
	await page.locator(".page-actions .actions-btn-group > button:visible").first().click();
	await page.locator(`.page-actions .actions-btn-group .dropdown-menu a:visible`).filter({ hasText: label }).first().click();
	const outcome = await page.waitForFunction(
		(s) => {
			if (cur_frm.doc.workflow_state === s || cur_frm.doc.status === s) return "reached";
			const asked = [...document.querySelectorAll(".modal .modal-footer button")].some(
				(b) => b.offsetParent !== null && /^\s*(Yes|Confirm|Submit)\s*$/.test(b.textContent)
			);
			return asked ? "asked" : false;
		},
		state,
		{ timeout: 30000 }
	);
	if ((await outcome.jsonValue()) === "asked") await confirmIfAsked(page);
	await page.waitForFunction((s) => cur_frm.doc.workflow_state === s || cur_frm.doc.status === s, state, { timeout: 30000 });
	await settle(page);
}

// A custom button, in its group ("Create", "Clock", …) or on its own.
async function button(page, label, group) {
	if (group) {
		await page.locator(`.inner-group-button[data-label="${encodeURIComponent(group)}"] > button:visible`).first().click();
		await page.locator(`.inner-group-button[data-label="${encodeURIComponent(group)}"] .dropdown-menu a[data-label="${encodeURIComponent(label)}"]`).first().click();
	} else {
		await page.locator(`.page-actions button[data-label="${encodeURIComponent(label)}"]:visible`).first().click();
	}
}

async function submit(page) {
	// Ctrl+S saves a new or changed draft; on a saved draft it would ask to submit instead
	if (await page.evaluate(() => Boolean(cur_frm.doc.__islocal || cur_frm.is_dirty()))) await save(page);
	await page.locator(".page-actions .primary-action:visible").filter({ hasText: "Submit" }).first().click();
	await confirmIfAsked(page, 15000); // "Permanently Submit …?"
	await page.waitForFunction(() => cur_frm.doc.docstatus === 1, null, { timeout: 45000 });
	await settle(page);
}

async function salesFlow(browser) {
	// the consultant starts a deal from the VIN: the form fills trim, colour and price
	const consultant = await desk(browser, rig.consultant);
	await openForm(consultant, "/app/vehicle-deal/new", "Vehicle Deal");
	await setLink(consultant, "customer", rig.customer);
	await setLink(consultant, "vin", rig.vin);
	await consultant.waitForFunction(() => cur_frm.doc.vehicle_price > 0 && cur_frm.doc.trim, null, { timeout: 15000 });
	result.filled = await consultant.evaluate(() => ({
		trim: cur_frm.doc.trim,
		price: cur_frm.doc.vehicle_price,
		taxes_and_charges: cur_frm.doc.taxes_and_charges,
	}));
	await setValue(consultant, "discount_amount", 2500);
	await save(consultant);
	result.deal = await consultant.evaluate(() => cur_frm.doc.name);
	await shot(consultant, "01-deal-saved");
	await workflowAction(consultant, "Request Approval", "Pending Approval");
	result.discount_banners = await consultant.getByText("The discount is over the limit").filter({ visible: true }).count();
	await shot(consultant, "02-approval-requested");

	// the sales manager approves it
	const manager = await desk(browser, rig.manager);
	await openForm(manager, `/app/vehicle-deal/${result.deal}`, "Vehicle Deal");
	await workflowAction(manager, "Approve", "Approved");
	await shot(manager, "03-approved");

	// the consultant quotes, takes the order and invoices it
	await openForm(consultant, `/app/vehicle-deal/${result.deal}`, "Vehicle Deal");
	await button(consultant, "Quotation", "Create");
	await formReady(consultant, "Quotation");
	await submit(consultant);
	result.quotation = await consultant.evaluate(() => cur_frm.doc.name);
	result.quotation_taxes = await consultant.evaluate(() => cur_frm.doc.total_taxes_and_charges);
	await shot(consultant, "04-quotation");

	await openForm(consultant, `/app/vehicle-deal/${result.deal}`, "Vehicle Deal");
	await button(consultant, "Sales Order", "Create");
	await formReady(consultant, "Sales Order");
	await submit(consultant);
	result.sales_order = await consultant.evaluate(() => cur_frm.doc.name);
	await shot(consultant, "05-sales-order");

	await button(consultant, "Sales Invoice", "Create");
	await formReady(consultant, "Sales Invoice");
	await submit(consultant);
	result.sales_invoice = await consultant.evaluate(() => cur_frm.doc.name);
	await shot(consultant, "06-sales-invoice");

	// the invoiced deal shows its status and offers neither a deposit nor a way back to draft
	await openForm(consultant, `/app/vehicle-deal/${result.deal}`, "Vehicle Deal");
	result.invoiced_deal = await consultant.evaluate(() => ({
		status: cur_frm.doc.status,
		buttons: [...document.querySelectorAll(".page-actions button, .page-actions .dropdown-item")]
			.filter((el) => el.offsetParent !== null || el.closest(".dropdown-menu"))
			.map((el) => el.textContent.trim())
			.filter(Boolean),
	}));
	await shot(consultant, "07-deal-invoiced");
}

async function serviceFlow(browser) {
	const advisor = await desk(browser, rig.advisor);
	// the workshop diary: the calendar opens, and a booking is made from it
	await advisor.goto(base + "/app/service-appointment/view/calendar");
	await advisor.waitForSelector(".fc-view", { timeout: 30000 });
	await shot(advisor, "01-calendar");
	await advisor.locator(".page-actions .primary-action:visible").first().click();
	await formReady(advisor, "Service Appointment");
	await setLink(advisor, "vehicle", rig.vin);
	await advisor.evaluate((day) => cur_frm.set_value("appointment_date", day), rig.day);
	await setValue(advisor, "start_time", "09:00:00");
	await setValue(advisor, "estimated_hours", 1);
	await save(advisor);
	result.appointment = await advisor.evaluate(() => cur_frm.doc.name);
	await shot(advisor, "02-appointment");

	// the customer arrives: a repair order from the appointment
	await button(advisor, "Repair Order", "Create");
	await formReady(advisor, "Repair Order");
	await advisor.evaluate((op) => {
		const row = cur_frm.add_child("labour", { job_no: 1, labour_operation: op });
		cur_frm.refresh_field("labour");
		return row.name;
	}, rig.labour_operation);
	await save(advisor);
	result.repair_order = await advisor.evaluate(() => cur_frm.doc.name);
	await workflowAction(advisor, "Start Work", "In Progress");
	await shot(advisor, "03-repair-order");

	// clock the technician on the labour line and off again
	await button(advisor, "Clock On", "Clock");
	const dialog = advisor.locator(".modal:visible").filter({ hasText: "Labour Line" }).first();
	await dialog.waitFor({ timeout: 15000 });
	const line = dialog.locator("select").first(); // the approved labour line (after a blank, if any)
	await line.selectOption({ index: (await line.locator("option").count()) > 1 ? 1 : 0 });
	const technician = dialog.locator('.frappe-control[data-fieldname="employee"] input');
	await technician.click();
	await technician.fill(rig.technician_name);
	const option = advisor.locator(".awesomplete [role='option']:visible").filter({ hasText: rig.technician_name }).first();
	await option.waitFor({ timeout: 15000 });
	await option.click();
	await advisor.waitForFunction(() => cur_dialog && cur_dialog.get_value("employee"), null, { timeout: 15000 });
	await dialog.locator(".modal-footer .btn-primary:visible").first().click();
	await dialog.waitFor({ state: "hidden", timeout: 15000 });
	await settle(advisor); // the form reloads after the clocking
	await button(advisor, "Clock Off", "Clock");
	const off = advisor.locator(".modal:visible").filter({ hasText: "Clock Off" }).first();
	await off.waitFor({ timeout: 15000 });
	// the dialog focuses its Technician field, whose suggestions open over the button: click away first
	await settle(advisor);
	await off.locator(".modal-title").click();
	await advisor.waitForFunction(
		() => ![...document.querySelectorAll(".modal.show .awesomplete ul")].some((ul) => ul.offsetParent !== null),
		null,
		{ timeout: 15000 }
	);
	await off.locator(".modal-footer .btn-primary:visible").first().click(); // the one technician on this order
	await off.waitFor({ state: "hidden", timeout: 15000 });
	await settle(advisor);
	await formReady(advisor, "Repair Order");
	// completing submits the order (its completion is booked)
	await workflowAction(advisor, "Complete", "Completed");
	result.completed = await advisor.evaluate(() => ({ docstatus: cur_frm.doc.docstatus, state: cur_frm.doc.workflow_state }));
	await shot(advisor, "04-completed");

	// the service manager reopens it: Cancel, then Amend; the amendment carries the clocking on
	await workflowAction(advisor, "Cancel", "Cancelled");
	await advisor.locator(".page-actions .primary-action:visible").filter({ hasText: "Amend" }).first().click();
	await advisor.waitForFunction(() => cur_frm.doc.__islocal && cur_frm.doc.amended_from, null, { timeout: 30000 });
	await save(advisor);
	result.amended = await advisor.evaluate(() => ({ name: cur_frm.doc.name, status: cur_frm.doc.status, state: cur_frm.doc.workflow_state }));
	await shot(advisor, "05-amended");
	await workflowAction(advisor, "Complete", "Completed");

	// the customer's invoice comes after completion
	await workflowAction(advisor, "Invoice", "Invoiced");
	result.invoiced = await advisor.evaluate(() => ({ status: cur_frm.doc.status, sales_invoice: cur_frm.doc.sales_invoice }));
	await shot(advisor, "06-invoiced");
}

(async () => {
	fs.mkdirSync(shots, { recursive: true });
	const browser = await launch();
	let failed = false;
	try {
		await (flow === "sales" ? salesFlow : serviceFlow)(browser);
	} catch (error) {
		failed = true;
		result.error = String(error && error.stack ? error.stack : error);
		for (const context of browser.contexts()) {
			for (const page of context.pages()) {
				try {
					const file = path.join(shots, `${flow}-failed-${result.screenshots.length}.png`);
					await page.screenshot({ path: file });
					result.screenshots.push(file);
				} catch (e) {
					// the page is gone
				}
			}
		}
	} finally {
		await browser.close();
	}
	if (result.errors.length) failed = true;
	console.log(JSON.stringify(result));
	process.exit(failed ? 1 : 0);
})();
