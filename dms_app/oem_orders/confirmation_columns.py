"""The OEM confirmation import's columns, with their English and Chinese aliases (docs/imports.md)."""

from dms_app.imports.columns import Column, Columns
from dms_app.vehicles.import_columns import VIN_ZH

COLUMNS = Columns(
	Column("oem_order_no", ("order", "order_no", "oem_order"), ("厂家订单号", "订单号", "厂家订单")),
	Column("line", ("line_no", "order_line", "line_ref"), ("行号", "订单行", "订单行号")),
	Column("qty_confirmed", ("confirmed_qty",), ("确认数量", "确认数")),
	Column("vin", (), VIN_ZH, label="VIN"),
	Column("eta", ("eta_date",), ("预计到货日期", "预计到达日期", "预计到货")),
	Column("shipment_no", ("shipment",), ("发运单号", "运单号")),
	Column("shipped_date", ("ship_date", "shipped_on"), ("发运日期", "发车日期")),
	Column("invoice_price", ("price",), ("开票价", "发票价格", "开票价格")),
)
