"""The Chinese demo dealer (`DMS_DEMO_LOCALE=zh ./dms up`): a Shanghai dealer selling brands that
sell in China, with Chinese customers known by their mobile numbers, staff who work in Chinese,
and prices in CNY. The demo modules take `pick(english, chinese)` where the two dealers differ."""

# the Chinese texts below use Chinese punctuation
# ruff: noqa: RUF001

import hashlib

import frappe

LANGUAGE = "zh"


def active() -> bool:
	return frappe.flags.dms_demo_locale == LANGUAGE


def pick(english, chinese):
	return chinese if active() else english


BRANDS = (
	# (OEM supplier, make)
	("广汽丰田汽车销售有限公司", "Toyota"),
	("比亚迪汽车销售有限公司", "BYD"),
	("一汽-大众销售有限责任公司", "Volkswagen"),
	("浙江吉利汽车销售有限公司", "Geely"),
)
CATALOGUE = {
	# make: (WMI of its Chinese plant, [(model, body, [(trim, fuel, transmission, cost, price in CNY)])])
	"Toyota": (
		"LVG",  # GAC Toyota
		[
			(
				"Corolla",
				"Sedan",
				[
					("1.8 Hybrid Icon", "Hybrid", "CVT", 108000, 125800),
					("2.0 GR Sport", "Petrol", "CVT", 118000, 136800),
				],
			),
			("RAV4", "SUV", [("2.5 Hybrid Design", "Hybrid", "CVT", 165000, 189800)]),
		],
	),
	"BYD": (
		"LGX",
		[
			("Atto 3", "Crossover", [("Comfort", "Electric", "Single-speed", 118000, 135800)]),
			("Seal", "Sedan", [("Design AWD", "Electric", "Single-speed", 185000, 219800)]),
		],
	),
	"Volkswagen": (
		"LFV",  # FAW-Volkswagen
		[
			("Golf", "Hatchback", [("1.5 eTSI Life", "Petrol", "DCT", 112000, 129900)]),
			("ID.4", "SUV", [("Pro Performance", "Electric", "Single-speed", 168000, 199900)]),
		],
	),
	"Geely": (
		"L6T",
		[
			("星越L", "SUV", [("2.0TD 旗舰型", "Petrol", "Automatic", 148000, 172700)]),
			("银河E5", "SUV", [("530km 远航版", "Electric", "Single-speed", 112000, 129800)]),
		],
	),
}
COLOURS = ("珍珠白", "曜石黑", "星空灰", "烈焰红", "深海蓝", "月光银")
SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭")
GIVEN_NAMES = (
	"伟 芳 娜 敏 静 丽 强 磊 军 洋 艳 杰 涛 明 超 秀英 建华 晓燕 志强 子涵 浩然 欣怡 梓轩 雨桐".split()
)
FLEETS = ("上海申程物流有限公司", "浦东绿线出租汽车有限公司", "峰景物业服务有限公司")
DISTRICTS = (
	# (district, street, postcode)
	("浦东新区", "张杨路", "200120"),
	("浦东新区", "世纪大道", "200122"),
	("徐汇区", "漕溪北路", "200030"),
	("静安区", "南京西路", "200040"),
	("闵行区", "莘庄路", "201100"),
	("长宁区", "虹桥路", "200336"),
	("杨浦区", "国权路", "200433"),
	("黄浦区", "淮海中路", "200021"),
)
MOBILE_PREFIXES = ("138", "139", "136", "150", "186", "189", "177", "199")
PORTAL_CUSTOMER, PORTAL_FIRST_NAME, PORTAL_EMAIL = "陈美玲", "美玲", "chen.meiling@example.com"
USERS = (
	("li.na@pujiang-motors.example", "李娜", ("Sales Consultant", "Sales User")),
	("zhang.hao@pujiang-motors.example", "张浩", ("Sales Consultant", "Sales User")),
	("wang.fang@pujiang-motors.example", "王芳", ("Sales Manager", "Sales User")),
)
PROSPECTS = ("赵磊", "钱丽华", "孙浩宇", "周婷", "吴刚", "郑秀英")
LENDER = "浦江汽车金融有限公司"
TECHNICIANS = (
	("刘强", None, "Male", 8),
	("陈静", None, "Female", 8),
	("周建华", None, "Male", 8),
	("孙丽", None, "Female", 6),
)


def digits(key: str, count: int) -> str:
	"""`count` digits derived from `key`: the same customer gets the same number on every load."""
	return str(int(hashlib.sha256(key.encode()).hexdigest(), 16))[-count:]


def mobile(name: str) -> str:
	"""A mainland mobile number (11 digits) for a customer: how a Chinese dealer knows its customers."""
	prefix = MOBILE_PREFIXES[int(digits(name, 2)) % len(MOBILE_PREFIXES)]
	return prefix + digits(f"mobile {name}", 8)


def contact_fields(name: str) -> dict:
	"""What ERPNext's Customer turns into its primary contact and address (as its quick entry does),
	and the customer's print language."""
	district, street, postcode = DISTRICTS[int(digits(name, 3)) % len(DISTRICTS)]
	number = int(digits(f"address {name}", 4))
	return {
		"mobile_no": mobile(name),
		"address_line1": f"{district}{street}{number % 1800 + 1}号",
		"address_line2": f"{number % 30 + 1}号楼{number % 20 + 1}0{number % 4 + 1}室",
		"city": "上海市",
		"state": "上海市",
		"pincode": postcode,
		"country": "China",
		"language": LANGUAGE,
	}


def plate(key: str, electric: bool = False) -> str:
	"""A Shanghai registration: new-energy (green) plates have six characters, D first."""
	return f"沪A·{'D' if electric else ''}{digits(f'plate {key}', 5)}"


# The workshop's words for the English demo data (items, labour operations, job lines and warranty
# failures), by their English text: say() gives the one for the demo's locale.
TEXTS = {
	# labour items
	"Mechanical labour": "机修工时",
	"Electrical and EV labour": "电气及新能源工时",
	"Diagnostic labour": "故障诊断工时",
	# labour operations
	"Minor service: oil, filter and checks": "小保养：更换机油、机滤并检查",
	"Major service: filters, plugs, fluids and inspection": "大保养：更换滤清器、火花塞、油液并全面检查",
	"EV annual service: cabin filter, brake fluid, HV check": "新能源车年度保养：空调滤芯、制动液、高压系统检查",
	"Replace front brake pads": "更换前刹车片",
	"Replace front discs and pads": "更换前刹车盘及刹车片",
	"Diagnose warning light": "故障灯诊断",
	"Air-conditioning service and regas": "空调保养及加注冷媒",
	"Replace 12 V battery": "更换12V蓄电池",
	"High-voltage battery health check": "动力电池健康检查",
	"Pre-delivery inspection": "PDI（新车交付前检查）",
	"Replace wiper blades": "更换雨刮片",
	# parts
	"Oil filter element": "机油滤芯",
	"Oil filter": "机油滤清器",
	"Air filter element": "空气滤芯",
	"Cabin air filter": "空调滤芯",
	"Front brake pad kit": "前刹车片套件",
	"Rear brake pad kit": "后刹车片套件",
	"Front brake disc": "前刹车盘",
	"Spark plug, iridium": "铱金火花塞",
	"Radiator assembly": "散热器总成",
	"12 V battery": "12V蓄电池",
	"Rear wiper blade": "后雨刮片",
	"Engine oil 0W-20, 4.5 L": "机油 0W-20，4.5升",
	"Coolant, battery thermal loop, 5 L": "电池热管理冷却液，5升",
	"Brake fluid DOT 4, 1 L": "制动液 DOT 4，1升",
	"Front brake pads (VW)": "前刹车片（大众）",
	"Oil filter (VW EA888)": "机油滤清器（大众EA888）",
	"Pollen filter (VW)": "空调滤芯（大众）",
	"Engine oil 5W-30 VW 504/507, 1 L": "机油 5W-30 大众504/507认证，1升",
	"Engine oil 5W-30, 5 l": "机油 5W-30，5升",
	"Front brake pads set": "前刹车片（一套）",
	"Wiper blade pair": "雨刮片（一对）",
	# job lines on the demo's repair orders
	"Annual service due": "年度保养到期",
	"Wipers judder on the screen": "雨刮刮水时抖动",
	"Blade rubber hardened": "雨刮胶条老化变硬",
	"Replaced wiper blades": "已更换雨刮片",
	"Courtesy wash and check before handover": "交车前免费洗车及检查",
	"Wash and check": "洗车及检查",
	"Squeal when braking": "刹车时有尖叫声",
	"Rear tyres": "后轮胎",
	"3 mm tread left": "胎纹剩余3毫米",
	"Annual service": "年度保养",
	"Brake inspection and service": "制动系统检查及保养",
	"Replace front brake discs and pads": "更换前刹车盘及刹车片",
	# warranty failures: concern, cause, correction
	"Engine warning light, rough idle": "发动机故障灯亮，怠速不稳",
	"Spark plug electrode cracked": "火花塞电极开裂",
	"Replaced spark plugs": "已更换火花塞",
	"Coolant leak at front of car": "车头部位冷却液泄漏",
	"Radiator core seam leaking": "散热器芯体接缝渗漏",
	"Replaced radiator": "已更换散热器",
	"Car will not start in the morning": "早上车辆无法启动",
	"Battery internal short": "蓄电池内部短路",
	"Replaced 12 V battery": "已更换12V蓄电池",
	"Brake judder when stopping": "制动时抖动",
	"Front discs out of tolerance": "前刹车盘超出公差",
	"Replaced front discs and pads": "已更换前刹车盘及刹车片",
	"Cabin smells musty, weak airflow": "车内有霉味，出风量小",
	"Cabin filter housing seal split": "空调滤芯壳体密封条开裂",
	"Replaced cabin filter": "已更换空调滤芯",
	"Oil on the garage floor": "车库地面有机油",
	"Oil filter seal defective": "机油滤清器密封圈失效",
	"Replaced oil filter and oil": "已更换机油滤清器及机油",
}


def say(english: str) -> str:
	return TEXTS[english] if active() else english
