"""The explicit English and Chinese aliases of the migration's columns, beyond what the DocTypes
give (their field names, labels and the labels' Chinese translations are accepted too):
what other DMS's exports and dealers' own spreadsheets call them. docs/imports.md lists them."""

from dms_app.imports.columns import Column

ALIASES: dict[str, tuple[Column, ...]] = {
	"customers": (
		Column(
			"name",
			("customer_code", "code", "customer_id", "customer_no"),
			("客户编码", "客户编号", "客户代码"),
		),
		Column("customer_name", ("name_of_customer", "full_name"), ("客户名称", "客户姓名", "姓名")),
		Column("mobile_no", ("mobile", "cell", "phone_mobile"), ("手机", "手机号", "手机号码", "联系电话")),
		Column("email_id", ("email", "e_mail"), ("邮箱", "电子邮箱", "电子邮件")),
	),
	"contacts": (
		Column("customer", ("customer_code", "customer_id", "owner"), ("客户", "客户编码", "所属客户")),
		Column("mobile_no", ("mobile", "cell"), ("手机", "手机号", "手机号码")),
		Column("email_id", ("email", "e_mail"), ("邮箱", "电子邮箱")),
		Column("first_name", (), ("名", "姓名")),
		Column("last_name", ("surname", "family_name"), ("姓",)),
	),
	"addresses": (
		Column("name", ("address_id", "address_code"), ("地址编码",)),
		Column("customer", ("customer_code", "customer_id", "owner"), ("客户", "客户编码", "所属客户")),
		Column("address_line1", ("address", "street"), ("地址", "详细地址", "地址1")),
		Column("pincode", ("postcode", "postal_code", "zip", "zip_code"), ("邮编", "邮政编码")),
	),
	"vehicles": (
		Column("vin", ("vin_no", "chassis_no", "frame_no"), ("车架号", "VIN码", "车辆识别代号"), label="VIN"),
		Column("customer", ("owner", "owner_customer", "customer_code"), ("车主", "客户", "客户编码")),
		Column(
			"registration_plate", ("plate", "plate_no", "licence_plate", "license_plate"), ("车牌号", "车牌")
		),
		Column("odometer", ("mileage", "km", "kilometres"), ("里程", "行驶里程", "表显里程", "公里数")),
		Column(
			"last_service_date",
			("last_service", "last_visit"),
			("上次保养日期", "最近保养日期", "上次进厂日期"),
		),
		Column(
			"warranty_start_date",
			("warranty_start", "warranty_from"),
			("质保开始日期", "保修开始日期", "保修起始日期"),
		),
		Column("colour", ("color",), ("颜色", "车身颜色")),
		Column("make", ("brand",), ("品牌", "厂牌")),
		Column("model", ("series",), ("车型", "车系")),
	),
	"vehicle_makes": (Column("make_name", ("make", "brand"), ("品牌", "厂牌")),),
	"vehicle_models": (
		Column("make", ("brand",), ("品牌", "厂牌")),
		Column("model_name", ("model", "series"), ("车型", "车系", "车型名称")),
	),
	"vehicle_trims": (
		Column("model", ("series",), ("车型", "车系")),
		Column("trim_name", ("trim", "version", "grade"), ("配置", "版本", "车型配置")),
	),
	"service_history": (
		Column("vehicle", ("vin", "vin_no", "chassis_no"), ("车架号", "VIN码", "车辆识别代号"), label="VIN"),
		Column(
			"ro_no",
			("ro_number", "old_ro_no", "repair_order", "ro", "work_order"),
			("工单号", "维修工单号", "原工单号"),
		),
		Column(
			"service_date",
			("date", "ro_date", "closed_on", "invoice_date"),
			("维修日期", "进厂日期", "结算日期"),
		),
		Column("odometer", ("mileage", "km", "odometer_in"), ("里程", "进厂里程", "行驶里程")),
		Column("advisor", ("service_advisor", "sa"), ("服务顾问", "接待员")),
		Column("customer", ("customer_code", "owner"), ("客户", "客户编码", "车主")),
		Column(
			"registration_plate", ("plate", "plate_no", "licence_plate", "license_plate"), ("车牌号", "车牌")
		),
		Column("source", ("source_system", "dms"), ("来源系统",)),
		Column("line_no", ("line",), ("行号",)),
		Column("job_no", ("job",), ("作业号",)),
		Column("line_type", ("type", "item_type"), ("类型", "项目类型")),
		Column(
			"code",
			("operation_code", "part_no", "part_number", "item_code"),
			("项目代码", "配件编码", "工时代码"),
		),
		Column("line_description", ("line_desc", "item_description", "item_name"), ("项目名称", "配件名称")),
		Column("hours", ("labour_hours", "flat_hours"), ("工时",)),
		Column("qty", ("quantity",), ("数量",)),
		Column("amount", ("line_amount",), ("金额",)),
		Column("pay_type", ("payer", "pay_by"), ("付款方式", "结算类型")),
	),
	"opening_stock": (
		Column("item_code", ("part_no", "part_number", "item"), ("配件编码", "零件号", "物料编码")),
		Column("item_name", ("part_name", "description"), ("配件名称", "零件名称")),
		Column("warehouse", ("store", "location"), ("仓库",)),
		Column("bin_location", ("bin", "shelf"), ("货位", "库位")),
		Column("qty", ("quantity", "on_hand", "stock"), ("数量", "库存数量")),
		Column("valuation_rate", ("cost", "unit_cost", "rate"), ("成本单价", "单价", "成本价")),
	),
}
