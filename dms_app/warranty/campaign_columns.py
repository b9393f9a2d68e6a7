"""The service campaign import's columns (CSV headers or JSON keys), with their English and Chinese
aliases (docs/imports.md). A CSV has one row per VIN or VIN range, the campaign's columns repeated."""

from dms_app.imports.columns import Column, Columns
from dms_app.vehicles.import_columns import VIN_ZH

COLUMNS = Columns(
	Column(
		"campaign_code",
		("campaign", "code", "campaign_no", "recall_code", "recall_no"),
		("活动代码", "活动编号", "召回编号", "召回代码"),
		required=True,
	),
	Column("title", ("campaign_title", "description", "name"), ("活动名称", "标题", "召回名称")),
	Column("campaign_type", ("type",), ("活动类型", "类型")),
	Column("make", ("brand",), ("品牌", "厂牌")),
	Column(
		"labour_operation",
		("operation", "labour_op", "labor_operation"),
		("工时代码", "维修项目", "工时项目"),
	),
	Column("parts", ("part_numbers", "part_list"), ("零件", "配件", "零件号")),
	Column("start_date", ("start", "valid_from"), ("开始日期", "生效日期")),
	Column("end_date", ("end", "valid_to", "valid_until"), ("结束日期", "截止日期")),
	Column("vin", ("vin_no", "chassis_no"), VIN_ZH, label="VIN"),
	Column("vin_from", ("from_vin", "range_from"), ("起始车架号", "起始VIN")),
	Column("vin_to", ("to_vin", "range_to"), ("截止车架号", "结束车架号", "截止VIN")),
)
