// dms_app customer portal: live repair status (polling), line approvals, service booking.
// Pages are rendered on the server; this script only refreshes and submits. Strings go through
// __() (their translations come with the page, see dms_app/portal/__init__.py JS_MESSAGES).
(function () {
	"use strict";

	const API = "dms_app.api.portal.";

	// fetch rather than the website's frappe.call, which never reports 4xx answers to the caller
	async function call(method, args, type) {
		const params = new URLSearchParams(args || {});
		const post = type === "POST";
		const response = await fetch(`/api/method/${API}${method}${post ? "" : "?" + params}`, {
			method: post ? "POST" : "GET",
			headers: {
				Accept: "application/json",
				"X-Frappe-CSRF-Token": frappe.csrf_token,
				...(post ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
			},
			body: post ? params : undefined,
			credentials: "same-origin",
		});
		let data = {};
		try {
			data = await response.json();
		} catch (e) {
			// an HTML error page: keep the empty body
		}
		if (!response.ok) throw data;
		return data.message;
	}

	function errorText(r) {
		try {
			const messages = JSON.parse((r && r._server_messages) || "[]");
			if (messages.length) {
				// the message is HTML that may echo what was typed: read its text from an inert
				// document (innerHTML on a live element would run e.g. an <img onerror>)
				const html = JSON.parse(messages[0]).message;
				return new DOMParser().parseFromString(html, "text/html").body.textContent;
			}
		} catch (e) {
			// fall through to the generic message
		}
		return __("Something went wrong. Please try again.");
	}

	function show(el, text, kind) {
		if (!el) return;
		el.textContent = text;
		el.classList.remove("hidden", "alert-info", "alert-success", "alert-danger");
		el.classList.add("alert-" + (kind || "info"));
	}

	const PILL_COLOURS = { Approved: "green", Declined: "gray", Proposed: "orange" };

	function pill(status, label) {
		const span = document.createElement("span");
		span.className = "indicator-pill " + (PILL_COLOURS[status] || "blue");
		span.dataset.status = status || "";
		span.textContent = label || __(status || "");
		return span;
	}

	// ------------------------------------------------------------ repair status

	function applyStatus(payload) {
		const cards = document.querySelectorAll(".dms-ro");
		const shown = new Set(Array.from(cards).map((c) => c.dataset.ro));
		const live = new Set(payload.orders.map((o) => o.name));
		// an order opened or closed, or lines added: the server renders the new layout
		if (shown.size !== live.size || [...live].some((n) => !shown.has(n))) {
			window.location.reload();
			return;
		}
		for (const order of payload.orders) {
			const card = document.querySelector(`.dms-ro[data-ro="${CSS.escape(order.name)}"]`);
			const lineEls = card.querySelectorAll(".dms-line");
			if (lineEls.length !== Object.keys(order.lines).length) {
				window.location.reload();
				return;
			}
			card.querySelector(".dms-ro-status").replaceChildren(pill(order.status, order.status_label));
			card.querySelector(".dms-ro-promised").textContent =
				order.promised_label || __("No promised time yet");
			card.querySelectorAll(".dms-stage").forEach((li, i) => {
				li.classList.toggle("done", i < order.stage);
				li.classList.toggle("current", i === order.stage);
			});
			const undoable = new Set(order.undoable || []);
			for (const el of lineEls) {
				const approval = order.lines[el.dataset.line];
				if (approval === "Proposed" && el.dataset.approval !== "Proposed") {
					// a decision taken back (here or in another tab): the server renders the buttons
					window.location.reload();
					return;
				}
				if (approval && approval !== "Proposed") {
					if (approval !== el.dataset.approval) {
						el.dataset.approval = approval;
						el.querySelector(".dms-line-decision").replaceChildren(pill(approval));
					}
					const undo = el.querySelector(".dms-undo");
					if (undoable.has(el.dataset.line) && !undo) {
						el.querySelector(".dms-line-decision").appendChild(undoButton());
					} else if (!undoable.has(el.dataset.line) && undo) {
						undo.remove();
					}
				}
			}
		}
		const stamp = document.querySelector(".dms-live-text");
		if (stamp) stamp.textContent = __("Last updated {0}", [payload.as_of]);
	}

	function undoButton() {
		const b = document.createElement("button");
		b.type = "button";
		b.className = "btn btn-xs btn-link dms-undo";
		b.textContent = __("Undo");
		return b;
	}

	// the customer confirms a decision before it is sent (amount and work repeated)
	function askConfirmation(line, decision, onConfirm) {
		const cell = line.querySelector(".dms-line-decision");
		const before = Array.from(cell.childNodes);
		const box = document.createElement("div");
		box.className = "dms-confirm-box";
		const text = document.createElement("div");
		text.className = "dms-confirm-text";
		text.textContent =
			decision === "Approved"
				? __("Approve {0} for {1}?", [line.dataset.label, line.dataset.amount])
				: __("Decline {0}?", [line.dataset.label]);
		const yes = document.createElement("button");
		yes.type = "button";
		yes.className = "btn btn-xs btn-primary dms-confirm";
		yes.textContent = __("Confirm");
		const no = document.createElement("button");
		no.type = "button";
		no.className = "btn btn-xs btn-default dms-cancel";
		no.textContent = __("Cancel");
		yes.addEventListener("click", () => {
			yes.disabled = no.disabled = true;
			onConfirm(() => cell.replaceChildren(...before));
		});
		no.addEventListener("click", () => cell.replaceChildren(...before));
		box.append(text, yes, no);
		cell.replaceChildren(box);
		yes.focus();
	}

	function initRepairStatus(root) {
		const live = root.querySelector(".dms-live");
		const seconds = parseInt((live && live.dataset.pollSeconds) || "20", 10);
		const poll = () =>
			call("repair_status")
				.then((payload) => {
					live && live.classList.remove("dms-live-error");
					applyStatus(payload);
				})
				.catch(() => {
					live && live.classList.add("dms-live-error");
					const stamp = root.querySelector(".dms-live-text");
					if (stamp) stamp.textContent = __("Could not refresh the status. Retrying…");
				});
		setInterval(poll, seconds * 1000);

		root.addEventListener("click", (event) => {
			const undo = event.target.closest(".dms-undo");
			const button = event.target.closest(".dms-approve, .dms-decline");
			if (!undo && !button) return;
			const line = (undo || button).closest(".dms-line");
			const card = line.closest(".dms-ro");
			const message = card.querySelector(".dms-ro-message");
			if (undo) {
				undo.disabled = true;
				show(message, __("Saving…"), "info");
				call("undo_decision", { repair_order: card.dataset.ro, line: line.dataset.line }, "POST")
					.then(() => {
						show(message, __("Your decision was taken back. You can decide again."), "success");
						setTimeout(() => window.location.reload(), 1200);
					})
					.catch((r) => {
						undo.disabled = false;
						show(message, errorText(r), "danger");
					});
				return;
			}
			const decision = button.dataset.decision;
			askConfirmation(line, decision, (restore) => {
				const decisions = {};
				decisions[line.dataset.line] = decision;
				show(message, __("Saving…"), "info");
				call("decide_lines", { repair_order: card.dataset.ro, decisions: JSON.stringify(decisions) }, "POST")
					.then((payload) => {
						show(message, __("Your decision was recorded."), "success");
						applyStatus(payload);
					})
					.catch((r) => {
						restore();
						show(message, errorText(r), "danger");
					});
			});
		});
	}

	// ------------------------------------------------------------ booking

	function initBooking(root) {
		const form = root.querySelector(".dms-booking");
		if (!form) return;
		const slotsEl = form.querySelector(".dms-slots");
		const message = form.querySelector(".dms-booking-message");
		let chosen = null;

		// one day at a time: a day picker, then that day's drop-off times
		function renderSlots(days) {
			slotsEl.replaceChildren();
			const free = (days || []).filter((d) => (d.slots || []).length);
			if (!free.length) {
				slotsEl.textContent = __("No free slots in these days. Try later dates.");
				return;
			}
			const picker = document.createElement("select");
			picker.className = "form-control dms-day";
			free.forEach((day, i) => {
				const option = new Option(day.label, i);
				picker.appendChild(option);
			});
			const heading = document.createElement("div");
			heading.className = "dms-field-label dms-slot-heading";
			heading.textContent = __("Drop-off time");
			const times = document.createElement("div");
			times.className = "dms-slot-times";
			const showDay = (day) => {
				chosen = null;
				times.replaceChildren(
					...day.slots.map((slot) => {
						const b = document.createElement("button");
						b.type = "button";
						b.className = "btn btn-sm btn-default dms-slot";
						b.dataset.date = day.date;
						b.dataset.time = slot.time;
						b.textContent = slot.label;
						return b;
					})
				);
			};
			picker.addEventListener("change", () => showDay(free[picker.value]));
			slotsEl.append(picker, heading, times);
			showDay(free[0]);
		}

		slotsEl.textContent = __("Loading slots…");
		call("available_slots", { from_date: form.dataset.fromDate, to_date: form.dataset.toDate })
			.then(renderSlots)
			.catch((r) => show(message, errorText(r), "danger"));

		slotsEl.addEventListener("click", (event) => {
			const b = event.target.closest(".dms-slot");
			if (!b) return;
			slotsEl.querySelectorAll(".dms-slot").forEach((s) => s.classList.remove("btn-primary", "active"));
			b.classList.add("btn-primary", "active");
			chosen = { date: b.dataset.date, time: b.dataset.time };
		});

		form.querySelector(".dms-book").addEventListener("click", (event) => {
			if (!chosen) {
				show(message, __("Choose a slot first."), "danger");
				return;
			}
			event.target.disabled = true;
			show(message, __("Booking…"), "info");
			call(
				"book_service",
				{
					vehicle: form.querySelector("[name=vehicle]").value,
					appointment_date: chosen.date,
					start_time: chosen.time,
					work: form.querySelector("[name=work]").value,
				},
				"POST"
			)
				.then((result) => {
					const text =
						result.status === "Confirmed"
							? __("Booked: {0}. A confirmation email is on its way.", [result.label])
							: __("Requested: {0}. We will confirm it by email.", [result.label]);
					show(message, text, "success");
					// the page confirms the booking: date, time, vehicle and reference
					window.location.assign(result.url);
				})
				.catch((r) => {
					event.target.disabled = false;
					show(message, errorText(r), "danger");
				});
		});
	}

	// English / 简体中文: stored as the user's language, the page comes back in it
	function initLanguageSwitch() {
		document.querySelectorAll(".dms-lang-switch [data-lang]").forEach((b) =>
			b.addEventListener("click", () => {
				if (b.classList.contains("active")) return;
				b.disabled = true;
				call("set_language", { language: b.dataset.lang }, "POST")
					.then(() => {
						const url = new URL(window.location.href);
						url.searchParams.delete("_lang");
						window.location.assign(url.toString());
					})
					.catch(() => (b.disabled = false));
			})
		);
	}

	function init() {
		initLanguageSwitch();
		const root = document.querySelector(".dms-portal");
		if (!root) return;
		if (root.dataset.page === "repair-status") initRepairStatus(root);
		if (root.dataset.page === "book-service") initBooking(root);
	}

	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
	else init();
})();
