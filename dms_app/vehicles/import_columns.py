"""The Vehicle Import's columns, with their English and Chinese header aliases (docs/imports.md)."""

from dms_app.imports.columns import Column, Columns

VIN_ZH = ("车架号", "VIN码", "车辆识别代号", "车辆识别号")

COLUMNS = Columns(
	Column("vin", ("vin_no", "vin_code", "chassis_no"), VIN_ZH, required=True, label="VIN"),
	Column("trim", ("variant",), ("配置", "车型配置")),
	Column("colour", ("color", "exterior_colour", "exterior_color"), ("颜色", "车身颜色", "外观颜色")),
	Column("interior_colour", ("interior_color",), ("内饰颜色", "内饰")),
	Column("registration_plate", ("plate", "licence_plate", "license_plate"), ("车牌号", "车牌", "车牌号码")),
	Column("odometer", ("mileage",), ("里程", "公里数", "行驶里程", "里程数", "里程表读数")),
	Column("odometer_unit", ("mileage_unit",), ("里程单位",)),
	Column("customer", (), ("客户", "车主")),
	Column("list_price", ("price", "msrp"), ("指导价", "厂商指导价", "价格")),
	Column("certificate_no", ("coc_no", "certificate"), ("合格证号", "合格证编号", "合格证")),
)
