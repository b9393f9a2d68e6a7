"""ERPNext's Chinese chart of accounts (cn_l10n_chart_china), made usable for a company.

ERPNext ships it as unverified: its accounts sit flat at the top, without root types or account
types, so its setup wizard can't load it. Here its accounts are put under the five roots by their
class in the 2006 Accounting Standards (成本类 count as assets: work in progress), and the accounts
ERPNext posts to get their account types. Two accounts ERPNext needs and the chart lacks are added.
"""

import json
from pathlib import Path

import frappe

CHART = "cn_l10n_chart_china.json"
ROOTS = {
	"资产": (
		"Asset",
		"现金 银行存款 其他货币资金 交易性金融资产 应收票据 应收账款 预付账款 应收股利 应收利息 "
		"其他应收款 坏账准备 材料采购 在途物资 原材料 材料成本差异 库存商品 发出商品 商品进销差价 "
		"委托加工物资 包装物及低值易耗品 存货跌价准备 待摊费用 持有至到期投资 持有至到期投资减值准备 "
		"长期股权投资 长期投资减值准备 长期应收款 固定资产 累计折旧 固定资产减值准备 在建工程 工程物资 "
		"固定资产清理 无形资产 无形资产减值准备 商誉 长期待摊费用 递延所得税资产 待处理财产损溢 "
		"衍生工具 套期工具 被套期项目 生产成本 制造费用 劳务成本 研发支出",
	),
	"负债": (
		"Liability",
		"短期借款 交易性金融负债 应付票据 应付账款 预收账款 应付职工薪酬 应交税费 应付利息 应付股利 "
		"其他应付款 预提费用 长期借款 长期债券 长期应付款 递延所得税负债",
	),
	"所有者权益": ("Equity", "实收资本 资本公积 盈余公积 本年利润 利润分配 库存股"),
	"收入": ("Income", "主营业务收入 其他业务收入 公允价值变动损益 投资收益 营业外收入"),
	"费用": (
		"Expense",
		"主营业务成本 其他业务支出 营业税金及附加 销售费用 管理费用 财务费用 资产减值损失 营业外支出 "
		"所得税 以前年度损益调整",
	),
}
# Added: goods received but not yet invoiced are booked as estimated payables (暂估应付款).
EXTRA = {"负债": {"暂估应付款": {}}}
ACCOUNT_TYPES = {
	"现金": "Cash",
	"银行存款": "Bank",
	"应收账款": "Receivable",
	"应付账款": "Payable",
	"暂估应付款": "Stock Received But Not Billed",
	"库存商品": "Stock",
	"待处理财产损溢": "Stock Adjustment",
	"固定资产": "Fixed Asset",
	"累计折旧": "Accumulated Depreciation",
	"在建工程": "Capital Work in Progress",
	"主营业务收入": "Income Account",
	"其他业务收入": "Income Account",
	"主营业务成本": "Cost of Goods Sold",
	"财务费用": "Round Off",  # rounding and exchange differences are finance costs
	"销项税额": "Tax",
	"进项税额": "Tax",
}
VAT_RATE = 13
# the company's default accounts
COMPANY_DEFAULTS = {
	"default_cash_account": "现金",
	"default_bank_account": "银行存款",
	"default_receivable_account": "应收账款",
	"default_payable_account": "应付账款",
	"default_income_account": "主营业务收入",
	"default_expense_account": "主营业务成本",
	"round_off_account": "财务费用",
	"exchange_gain_loss_account": "财务费用",
	"write_off_account": "营业外支出",
	"stock_received_but_not_billed": "暂估应付款",
	"default_inventory_account": "库存商品",
	"stock_adjustment_account": "待处理财产损溢",
	"accumulated_depreciation_account": "累计折旧",
	"capital_work_in_progress_account": "在建工程",
}


def erpnext_chart() -> dict:
	import erpnext

	path = Path(erpnext.__file__).parent / "accounts/doctype/account/chart_of_accounts/unverified" / CHART
	return json.loads(path.read_text())


def chart_tree() -> dict:
	"""ERPNext's accounts under the five roots, with account types; fails on an account it can't place."""
	flat = erpnext_chart()["tree"]
	tree = {}
	for root, (root_type, names) in ROOTS.items():
		tree[root] = {
			"root_type": root_type,
			**{n: flat.pop(n) for n in names.split()},
			**EXTRA.get(root, {}),
		}
	if flat:
		frappe.throw(f"{CHART}: accounts without a root: {', '.join(flat)}")

	def typed(node: dict) -> dict:
		for name, child in node.items():
			if name in ACCOUNT_TYPES:
				child["account_type"] = ACCOUNT_TYPES[name]
				if ACCOUNT_TYPES[name] == "Tax":
					child["tax_rate"] = VAT_RATE
			if isinstance(child, dict):
				typed(child)
		return node

	return typed(tree)


def use_china_chart(company: str) -> None:
	"""Replace a new company's chart (nothing is posted yet) with the Chinese one, set the company's
	default accounts and a default 13 % VAT template for sales and one for purchases."""
	from erpnext.accounts.doctype.account.chart_of_accounts.chart_of_accounts import create_charts
	from erpnext.accounts.doctype.chart_of_accounts_importer.chart_of_accounts_importer import (
		unset_existing_data,
	)

	unset_existing_data(company)
	create_charts(company, custom_chart=chart_tree())
	frappe.db.set_value("Company", company, "chart_of_accounts", erpnext_chart()["name"])
	account = {
		name: frappe.db.get_value("Account", {"company": company, "account_name": name, "is_group": 0})
		for name in {*COMPANY_DEFAULTS.values(), "销项税额", "进项税额"}
	}
	frappe.db.set_value("Company", company, {f: account[a] for f, a in COMPANY_DEFAULTS.items()})
	for doctype, vat in (
		("Sales Taxes and Charges Template", "销项税额"),
		("Purchase Taxes and Charges Template", "进项税额"),
	):
		frappe.get_doc(
			{
				"doctype": doctype,
				"title": f"增值税 {VAT_RATE}%",
				"company": company,
				"is_default": 1,
				"taxes": [
					{
						"charge_type": "On Net Total",
						"account_head": account[vat],
						"description": f"增值税 {VAT_RATE}%",
						"rate": VAT_RATE,
					}
				],
			}
		).insert(ignore_permissions=True)
