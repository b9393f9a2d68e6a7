// Customer portal in headless Chromium: log in, see the vehicle, approve a line, book a slot, and
// try the neighbour's records over HTTP. Driven by tests/browser/test_portal_browser.py.
//
//   NODE_PATH=<dir with playwright-core> node portal_flow.js <rig.json> <base url> <screenshot dir>
//
// Needs only `playwright-core` from npm (no bundled browser: it drives Debian's /usr/bin/chromium,
// or $CHROMIUM). Prints one JSON line with what it saw; exits non-zero when a step fails.
const fs = require("fs");
const path = require("path");
const { run, signIn } = require("./browser");

const [rigFile, base, shots] = process.argv.slice(2);
const rig = JSON.parse(fs.readFileSync(rigFile, "utf8"));
const A = rig.A;
const B = rig.B;
const result = { screenshots: [], http: {} };

function check(condition, message) {
	if (!condition) throw new Error(message);
}

async function shot(page, name) {
	const file = path.join(shots, name);
	await page.screenshot({ path: file, fullPage: true });
	result.screenshots.push(file);
}

async function status(request, url, options = {}) {
	const response = await (options.method === "POST"
		? request.post(base + url, { form: options.form || {}, headers: options.headers || {} })
		: request.get(base + url, { maxRedirects: 0 }));
	return response.status();
}

fs.mkdirSync(shots, { recursive: true });
run(result, async (browser) => {
	// ---------------------------------------------------------------- anonymous visitor
	const guest = await browser.newContext();
	result.http.guest_my_vehicles = await status(guest.request, "/my-vehicles");
	result.http.guest_vehicle = await status(guest.request, `/my-vehicles/${A.vin}`);
	result.http.guest_api_status = await status(guest.request, "/api/method/dms_app.api.portal.repair_status");
	result.http.guest_rest_vehicle = await status(guest.request, `/api/resource/Motor Vehicle/${A.vin}`);
	await guest.close();

	// ---------------------------------------------------------------- customer A (phone size)
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
	// the page's own clock, running in real time, that the test may move on (the status poll below)
	await context.clock.install();
	const page = await context.newPage();
	await signIn(page, base, A.user, rig.password, 30000);

	await page.goto(base + "/my-vehicles");
	await page.waitForSelector(`.dms-card[data-vin="${A.vin}"]`);
	const listed = await page.$$eval(".dms-card[data-vin]", (cards) => cards.map((c) => c.dataset.vin));
	check(listed.length === 1 && listed[0] === A.vin, `my vehicles lists ${listed}`);
	result.vehicles = listed;
	await shot(page, "01-my-vehicles.png");

	await page.goto(base + `/my-vehicles/${A.vin}`);
	await page.waitForSelector(`tr[data-ro="${A.ro}"]`);
	await shot(page, "02-vehicle-history.png");

	// approve the first proposed line; the poller/answer turns it into an Approved pill
	await page.goto(base + "/repair-status");
	const line = `.dms-line[data-line="${A.lines[0]}"]`;
	await page.waitForSelector(`${line} .dms-approve`);
	await shot(page, "03-repair-status-before.png");
	await page.click(`${line} .dms-approve`);
	// the decision is confirmed first, then it can be taken back for a few minutes
	await page.click(`${line} .dms-confirm`);
	await page.waitForSelector(`.dms-ro[data-ro="${A.ro}"] .dms-ro-message.alert-success`);
	await page.waitForSelector(`${line} [data-status="Approved"]`);
	await page.waitForSelector(`${line} .dms-undo`);
	result.approved_line = A.lines[0];
	await shot(page, "04-repair-status-approved.png");

	// the advisor moves the promised time in the desk; the open page shows it without a reload
	const promised = page.locator(`.dms-ro[data-ro="${A.ro}"] .dms-ro-promised`);
	const before = (await promised.textContent()).trim();
	const desk = await browser.newContext();
	const login = await desk.request.post(base + "/api/method/login", {
		form: { usr: "Administrator", pwd: process.env.DMS_ADMIN_PASSWORD || "admin" },
	});
	check(login.ok(), "Administrator login failed");
	const moved = await desk.request.put(base + `/api/resource/Repair Order/${encodeURIComponent(A.ro)}`, {
		data: { promised_time: rig.new_promised_time },
	});
	check(moved.ok(), `moving the promised time failed: ${moved.status()}`);
	await desk.close();
	// the customer waits for the next poll: the page's clock moves on by the poll interval, as if the
	// customer had looked away for that long (its setInterval fires, the page is not reloaded)
	const pollSeconds = await page.evaluate(() => parseInt(document.querySelector(".dms-live").dataset.pollSeconds, 10));
	await page.clock.fastForward(pollSeconds * 1000);
	await page.waitForFunction(
		([selector, old]) => document.querySelector(selector).textContent.trim() !== old,
		[`.dms-ro[data-ro="${A.ro}"] .dms-ro-promised`, before],
		{ timeout: 45000 }
	);
	result.promised = { before, after: (await promised.textContent()).trim() };

	// book the first free slot
	await page.goto(base + `/book-service?vehicle=${A.vin}`);
	await page.waitForSelector(".dms-slot", { timeout: 20000 });
	const slot = page.locator(".dms-slot").first();
	result.slot = { date: await slot.getAttribute("data-date"), time: await slot.getAttribute("data-time") };
	await slot.click();
	await page.fill("#dms-work", "Annual service (browser test)");
	await shot(page, "05-book-slot-chosen.png");
	await page.click(".dms-book");
	// the page comes back with the booking's date, time, vehicle and reference
	await page.waitForSelector(".dms-booked", { timeout: 20000 });
	result.booking_message = (await page.textContent(".dms-booked")).trim();
	await shot(page, "06-booked.png");

	// the same page in Simplified Chinese, desktop size
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(base + "/repair-status?_lang=zh");
	await page.waitForSelector(".dms-ro");
	result.zh_title = (await page.textContent(".dms-portal-title")).trim();
	await shot(page, "07-repair-status-zh.png");

	// ---------------------------------------------------------------- A tries B's records
	const csrf = await page.evaluate(() => frappe.csrf_token);
	const headers = { "X-Frappe-CSRF-Token": csrf };
	const req = context.request;
	result.http.own_vehicle_page = await status(req, `/my-vehicles/${A.vin}`);
	result.http.other_vehicle_page = await status(req, `/my-vehicles/${B.vin}`);
	result.http.rest_vehicle_list = await status(req, "/api/resource/Motor Vehicle");
	result.http.rest_other_vehicle = await status(req, `/api/resource/Motor Vehicle/${B.vin}`);
	result.http.rest_own_vehicle = await status(req, `/api/resource/Motor Vehicle/${A.vin}`);
	result.http.rest_other_ro = await status(req, `/api/resource/Repair Order/${B.ro}`);
	result.http.client_get_other_ro = await status(
		req, `/api/method/frappe.client.get?doctype=Repair%20Order&name=${encodeURIComponent(B.ro)}`);
	result.http.count_other_vehicle = await status(
		req, `/api/method/frappe.client.get_count?doctype=Motor%20Vehicle&filters=${encodeURIComponent(
			JSON.stringify({ name: B.vin }))}`);
	result.http.printview_own_ro = await status(
		req, `/printview?doctype=Repair%20Order&name=${encodeURIComponent(A.ro)}`);
	result.http.printview_other_ro = await status(
		req, `/printview?doctype=Repair%20Order&name=${encodeURIComponent(B.ro)}`);
	result.http.decide_other_ro = await status(req, "/api/method/dms_app.api.portal.decide_lines", {
		method: "POST",
		headers,
		form: { repair_order: B.ro, decisions: JSON.stringify({ [B.lines[0]]: "Approved" }) },
	});
	result.http.service_decide_other_ro = await status(req, "/api/method/dms_app.api.repair_orders.decide_lines", {
		method: "POST",
		headers,
		form: { repair_order: B.ro, decisions: JSON.stringify({ [B.lines[0]]: "Approved" }) },
	});
	result.http.book_other_vehicle = await status(req, "/api/method/dms_app.api.portal.book_service", {
		method: "POST",
		headers,
		form: { vehicle: B.vin, appointment_date: result.slot.date, start_time: result.slot.time },
	});
	// a Contact linking A's login to B's customer would open B's portal to A
	result.http.contact_link_other = await status(req, "/api/resource/Contact", {
		method: "POST",
		headers,
		form: {
			data: JSON.stringify({
				first_name: "A",
				user: A.user,
				links: [{ link_doctype: "Customer", link_name: B.customer }],
			}),
		},
	});
	result.http.other_vehicle_page_after = await status(req, `/my-vehicles/${B.vin}`);
	result.http.desk = await status(req, "/app");
	result.http.desk_vehicle = await status(req, `/app/motor-vehicle/${A.vin}`);
	await context.close();
});
