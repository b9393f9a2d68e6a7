"""The OEM warranty response import's columns (CSV headers or JSON keys), with their English and
Chinese aliases (docs/imports.md)."""

from dms_app.imports.columns import Column, Columns
from dms_app.vehicles.import_columns import VIN_ZH

COLUMNS = Columns(
	Column("claim", ("claim_no", "claim_number"), ("索赔单号", "厂家索赔单", "索赔单"), required=True),
	Column("vin", (), VIN_ZH, label="VIN"),
	Column("status", ("response", "result"), ("状态", "审核结果", "厂家答复")),
	Column("accepted_amount", ("approved_amount",), ("受理金额", "批准金额")),
	Column("reason_code", ("rejection_reason", "reason"), ("拒赔原因", "原因代码")),
	Column("credit_reference", ("credit_note", "credit_no"), ("结算单号", "贷项通知单号")),
	Column("credit_date", (), ("结算日期",)),
	Column("oem_reference", ("oem_claim_no",), ("厂家索赔号",)),
	Column("notes", ("remarks", "comment"), ("备注",)),
)
