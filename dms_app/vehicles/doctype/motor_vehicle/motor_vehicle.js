frappe.ui.form.on("Motor Vehicle", {
	setup(frm) {
		frm.set_query("model", () => ({ filters: frm.doc.make ? { make: frm.doc.make } : {} }));
		frm.set_query("trim", () => ({ filters: frm.doc.model ? { model: frm.doc.model } : {} }));
	},

	refresh(frm) {
		if (frm.doc.stock_in_date && ["In Stock", "Reserved"].includes(frm.doc.status)) {
			const days = frappe.datetime.get_diff(frappe.datetime.get_today(), frm.doc.stock_in_date);
			frm.dashboard.add_indicator(__("{0} days in stock", [days]), days > 90 ? "red" : "blue");
		}
		if (frm.doc.serial_no) {
			frm.add_custom_button(__("Stock Ledger"), () =>
				frappe.set_route("query-report", "Stock Ledger", {
					company: frm.doc.company,
					serial_no: frm.doc.serial_no,
					from_date: frm.doc.stock_in_date,
				})
			);
		}
		if (frm.is_new() || !frm.doc.stock_in_date) {
			frm.add_custom_button(__("Decode VIN"), () => frm.trigger("decode_vin"));
		}
	},

	decode_vin(frm) {
		if (!frm.doc.vin) {
			frappe.msgprint(__("Enter the VIN first"));
			return;
		}
		frappe.call({
			method: "dms_app.api.vehicles.decode_vin",
			args: { vin: frm.doc.vin },
			callback({ message: info }) {
				if (!info.valid) {
					frappe.msgprint({
						title: __("Invalid VIN {0}", [info.vin]),
						message: info.errors.join("<br>"),
						indicator: "red",
					});
					return;
				}
				frm.set_value("vin", info.vin);
				const values = {
					manufacturer: info.manufacturer,
					country_of_manufacture: info.country,
					plant_code: info.plant_code,
					model_year: info.model_year,
					body_type: info.body,
					engine: info.engine,
					fuel_type: info.fuel,
					transmission: info.transmission,
				};
				for (const [field, value] of Object.entries(values)) {
					if (value && !frm.doc[field]) frm.set_value(field, value);
				}
				frm.set_value("decode_notes", (info.warnings || []).join("\n"));
				if (info.make) {
					frappe.db.exists("Vehicle Make", info.make).then((exists) => {
						if (exists && !frm.doc.make) frm.set_value("make", info.make);
					});
				}
				frappe.show_alert({
					message: __("Decoded: {0} {1}", [info.make || info.manufacturer || "", info.model_year || ""]),
					indicator: "green",
				});
			},
		});
	},

	vin(frm) {
		if (frm.doc.vin && frm.doc.vin.trim().length === 17) frm.trigger("decode_vin");
	},
});
