"""Realistic demo employers and their job postings.

Employers are Guizhou companies (贵阳鑫源物流有限公司, 遵义宏达建筑劳务有限公司), individual
businesses (南明区聚福羊肉粉馆), farmers' cooperatives and households hiring help, with valid unified
social credit codes (GB 32100 check character over a GB 11714 organisation code). Each line of
business hires the trades it would, for the pay such work gets, never below the station's minimum
wage. Postings are mostly open, some pending, draft, filled, closed or expired, from the counter and
from online platforms.

Rows go in with executemany on the raw connection, like the demo seekers, and the database's
triggers index `search_text` (made by postings.search_text, as a clerk's save would), so 100,000
postings take seconds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from app import clock as wallclock
from app.errors import storage_guard
from app.pinyin import name_initials
from app.reference import county_name, current_counties, find_job_type, job_type_by_code, province_name
from app.services.demo import MARK_DEMO_SQL, PersonMaker
from app.services.employers import TERMS_VERSION
from app.services.postings import WagePolicy, search_text
from app.validation.credit_code import CHARSET, check_char
from app.validation.notice_terms import scan
from app.validation.resident_id import mask_id
from db.base import new_uuid
from db.models import Employer

if TYPE_CHECKING:
    from app.station import Station

# How many postings demo data has unless told otherwise (`linggong demo`, the counter's offer).
DEMO_POSTINGS = 60


@dataclass(frozen=True)
class Trade:
    """A line of business: how its employers are named, whom they hire and where."""

    kind: str  # enterprise, cooperative, individual or household
    suffix: str  # 物流有限公司, 羊肉粉馆, …
    industry: str  # GB/T 4754 section
    short: str  # for a short name on the big screen: 鑫源 + 物流
    hire: str  # job types as the job-type list names them, "|" between
    place: str  # words that start a title (工地钢筋工, 小区保洁员), "|" between; may be empty
    weight: int

    @property
    def hires(self) -> list[str]:
        return self.hire.split("|")

    @property
    def places(self) -> list[str]:
        return self.place.split("|")


def company(suffix: str, industry: str, short: str, hire: str, place: str, weight: int) -> Trade:
    return Trade("enterprise", suffix, industry, short, hire, place, weight)


def shop(suffix: str, industry: str, short: str, hire: str, place: str, weight: int) -> Trade:
    return Trade("individual", suffix, industry, short, hire, place, weight)


TRADES = (
    company("餐饮管理有限公司", "H", "餐饮", "餐厅服务员|中式烹调师|中式面点师|厨房帮工", "餐厅|火锅店|食堂|", 6),
    company("酒店管理有限公司", "H", "酒店", "前厅服务员|客房服务员|餐厅服务员|洗衣工|保洁员", "酒店|", 4),
    company("家政服务有限公司", "O", "家政", "家政服务员|育婴员|保育员|保洁员", "住家|白班|钟点|", 5),
    company("养老服务有限公司", "Q", "养老", "养老护理员|医疗护理员|家政服务员", "养老院|", 3),
    company("物业管理有限公司", "K", "物业", "保洁员|保安员|园林绿化工|电工|管道工", "小区|写字楼|商场|", 6),
    company("保洁服务有限公司", "O", "保洁", "保洁员|洗衣工", "商场|医院|写字楼|", 3),
    company("环境卫生管理有限公司", "N", "环卫", "环卫工|保洁员|园林绿化工", "", 2),
    company("物流有限公司", "G", "物流", "装卸搬运工|仓储管理员|理货员|货车司机|快递分拣员", "仓库|物流园|", 6),
    company("供应链管理有限公司", "G", "供应链", "仓储管理员|理货员|装卸搬运工|包装工", "仓库|", 3),
    company("快递有限公司", "G", "快递", "快递员|快递分拣员|网约配送员|装卸搬运工", "快递站|分拨中心|", 4),
    company("建筑劳务有限公司", "E", "劳务", "建筑小工|砌筑工|混凝土工|钢筋工|架子工|电工|焊工", "工地|", 8),
    company("建筑工程有限公司", "E", "建工", "建筑小工|钢筋工|混凝土工|架子工|焊工", "工地|厂房|", 4),
    company("装饰工程有限公司", "E", "装饰", "装饰装修工|油漆工|管道工|电工|建筑小工", "装修项目|", 4),
    company("食品有限公司", "C", "食品", "食品加工工|包装工|质检员|装卸搬运工", "车间|", 4),
    company("服饰有限公司", "C", "服饰", "缝纫工|包装工|质检员", "车间|", 2),
    company("茶业有限公司", "C", "茶业", "茶叶加工工|农业采摘工|包装工", "茶园|茶厂|", 4),
    company("电子科技有限公司", "C", "电子", "装配工|质检员|包装工", "车间|", 2),
    company("农业开发有限公司", "A", "农业", "农作物种植工|农业采摘工|林木种苗工", "蔬菜基地|果园|", 3),
    company("生态农业有限公司", "A", "农业", "畜禽饲养员|农作物种植工|农业采摘工", "养殖场|基地|", 2),
    company("商贸有限公司", "F", "商贸", "营业员|理货员|装卸搬运工|促销员", "门店|", 4),
    company("超市有限公司", "F", "超市", "收银员|营业员|理货员|促销员", "超市|", 3),
    company("电子商务有限公司", "F", "电商", "互联网营销师|包装工|理货员", "直播间|仓库|", 2),
    company("保安服务有限公司", "L", "保安", "保安员", "小区|工地|", 3),
    company("文化传媒有限公司", "L", "传媒", "会展及活动临时工|促销员|互联网营销师", "展会|", 2),
    company("汽车服务有限公司", "O", "汽服", "汽车维修工|洗车工", "", 2),
    Trade("cooperative", "种养殖农民专业合作社", "A", "合作社", "农业采摘工|农作物种植工|畜禽饲养员", "基地|", 3),
    shop("餐馆", "H", "", "餐厅服务员|厨房帮工|中式烹调师", "", 4),
    shop("羊肉粉馆", "H", "", "餐厅服务员|厨房帮工", "", 3),
    shop("火锅店", "H", "", "餐厅服务员|厨房帮工|中式烹调师", "", 2),
    shop("小吃店", "H", "", "中式面点师|厨房帮工", "", 2),
    shop("茶馆", "H", "", "茶艺师|餐厅服务员", "", 1),
    shop("洗衣店", "O", "", "洗衣工", "", 1),
    shop("快递代收点", "G", "", "快递员|快递分拣员", "", 1),
    shop("五金建材店", "F", "", "装卸搬运工|营业员", "", 1),
    shop("豆腐坊", "C", "", "食品加工工", "", 1),
    shop("超市", "F", "", "收银员|营业员|理货员", "", 3),
    shop("便利店", "F", "", "收银员|营业员", "", 2),
    shop("水果店", "F", "", "营业员|理货员", "", 1),
    shop("汽车修理厂", "O", "", "汽车维修工|洗车工", "", 2),
    shop("洗车行", "O", "", "洗车工", "", 1),
    shop("理发店", "O", "", "美发师", "", 1),
    shop("足浴店", "O", "", "保健按摩师", "", 1),
    Trade("household", "家", "", "", "家政服务员|育婴员|养老护理员|医疗护理员|保洁员", "住家|白班|钟点|", 1),
)  # fmt: skip
KIND_SHARES = (("enterprise", 55), ("cooperative", 5), ("individual", 25), ("household", 15))

# 字号: the distinctive part of a business name.
TRADE_NAMES = (
    "鑫源", "宏达", "恒通", "黔诚", "筑城", "黔鑫", "华远", "盛世", "德盛", "永安", "兴隆", "金桥", "瑞丰",
    "恒丰", "安达", "通达", "嘉禾", "新城", "聚福", "佳美", "康洁", "惠民", "众诚", "利民", "山城", "林城",
    "爽爽", "多彩", "金阳", "红枫", "乌江", "黔灵", "苗岭", "夜郎", "凉都", "黔龙", "顺心", "福满", "百姓",
    "老街", "好运", "一品", "阿妹", "湘黔", "蓉黔", "四季", "绿野", "春晖", "贵福", "万家", "天成", "黔味",
)  # fmt: skip
ETHNIC_GROUPS = (
    "布依族", "苗族", "侗族", "土家族", "仡佬族", "彝族", "回族", "水族", "壮族", "瑶族", "白族", "藏族",
    "傣族", "哈尼族", "傈僳族", "景颇族", "黎族", "羌族", "蒙古族", "朝鲜族", "哈萨克族", "柯尔克孜族",
)  # fmt: skip

DUTIES = {
    "餐厅服务员": "传菜、收台、摆台，接待客人", "中式烹调师": "炒菜、配菜，负责出餐",
    "中式面点师": "包子、馒头、面条等面点制作", "厨房帮工": "洗菜、切配、洗碗，保持厨房清洁",
    "前厅服务员": "接待客人、办理入住退房", "客房服务员": "客房清洁、布草更换、补充用品",
    "茶艺师": "茶室接待、冲泡茶水", "家政服务员": "打扫卫生、洗衣做饭", "育婴员": "照护婴幼儿饮食起居",
    "保育员": "协助老师照看幼儿、清洁教室", "养老护理员": "照看老人起居、协助就餐、陪同散步",
    "医疗护理员": "医院陪护，协助翻身、喂饭、清洁", "保洁员": "公共区域清扫、垃圾清运、卫生间保洁",
    "环卫工": "道路清扫、垃圾收集清运", "园林绿化工": "绿化带修剪、浇水、除草", "洗衣工": "布草洗涤、熨烫、折叠",
    "装卸搬运工": "货物装卸、搬运、码垛", "快递分拣员": "快件分拣、扫码、装袋", "快递员": "按片区派送快件、揽收",
    "网约配送员": "平台订单配送，按单计酬", "仓储管理员": "出入库登记、盘点", "理货员": "理货、上架、补货、盘点",
    "货车司机": "驾驶厢式货车按线路配送", "建筑小工": "配合师傅搬运材料、清理现场", "砌筑工": "砌砖、抹灰",
    "混凝土工": "混凝土浇筑、振捣、养护", "钢筋工": "钢筋下料、绑扎", "架子工": "脚手架搭设、拆除",
    "装饰装修工": "室内装修、贴砖、吊顶", "油漆工": "墙面打磨、刷漆", "管道工": "给排水管道安装、维修",
    "电工": "线路敷设、设备接线、维修", "焊工": "钢结构焊接", "装配工": "流水线装配、贴标",
    "缝纫工": "服装缝制、锁边", "包装工": "产品包装、封箱、码放", "质检员": "按标准检验产品外观、尺寸",
    "茶叶加工工": "茶叶摊青、揉捻、分拣", "食品加工工": "食品分拣、清洗、加工", "农业采摘工": "采摘、分拣、装筐",
    "农作物种植工": "种植、除草、施肥", "畜禽饲养员": "喂养、清理圈舍", "林木种苗工": "育苗、移栽、浇水",
    "营业员": "门店销售、整理货架", "收银员": "收银、扫码结账", "促销员": "店内促销、介绍产品",
    "互联网营销师": "直播间介绍产品、上品", "保安员": "门岗值守、巡逻、车辆引导", "汽车维修工": "车辆维修保养",
    "洗车工": "洗车、车内清洁", "美发师": "洗剪吹、染烫", "保健按摩师": "足浴、按摩",
    "会展及活动临时工": "活动现场布置、引导、撤场",
}  # fmt: skip
# Piece rates in cents (per parcel, per jin of tea, per garment …) for work paid by the piece.
PIECE_RATES = {
    "快递分拣员": (15, 30), "快递员": (100, 200), "网约配送员": (400, 800), "农业采摘工": (150, 400),
    "茶叶加工工": (200, 500), "缝纫工": (150, 600), "包装工": (20, 100), "装卸搬运工": (50, 150),
}  # fmt: skip
REQUIREMENTS = (
    "", "", "", "", "身体健康，能吃苦耐劳", "有相关经验者优先", "持健康证上岗", "会使用智能手机扫码打卡",
    "能适应夜班", "做事细心，服从安排", "会说普通话，能简单沟通", "不收任何费用",
)  # fmt: skip
# Wording a supervisor must look at before the posting opens: only ever in pending demo postings.
FLAGGED_REQUIREMENTS = ("入职需交工服费50元", "上岗前交押金200元，干满一个月退还")
SAFETY = {
    "construction": "提供安全帽、安全带，购买工伤及意外伤害保险",
    "manufacturing": "提供工作服、手套，岗前安全培训",
    "logistics": "提供防护手套、护腰，购买意外险",
    "cleaning": "提供工作服、防滑鞋",
}
TAILS = ("", "", "", "", "", "（急招）")
SHORT_TAILS = ("（临时）", "（短期）", "（周末）")  # for work paid by the day or hour
WORK_TIMES = ("08:30-17:30", "09:00-18:00", "08:00-12:00，14:00-18:00", "07:00-15:00", "20:00-次日06:00", "")
BENEFITS = ("", "", "", "满勤奖200元/月", "提供工作餐", "节假日三倍工资")
STREETS = (
    "人民路", "中山路", "解放路", "新华路", "建设路", "南环路", "北京路", "延安路", "文化路", "滨河路", "城南大道",
    "兴业路", "迎宾大道", "沙坡路", "环城北路",
)  # fmt: skip
PARKS = ("工业园区", "经济开发区", "物流园", "农产品批发市场", "高新区")
ESTATES = ("花果园小区", "未来方舟", "中天花园", "世纪城", "碧桂园", "阳光小区")
SOURCES = (
    ("窗口登记", 40), ("零工港", 15), ("灵工盒子", 12), ("贵州人才网", 10), ("电话登记", 10),
    ("微信公众号", 8), ("驿站上报", 5),
)  # fmt: skip
STATUSES = (("open", 70), ("pending", 8), ("draft", 5), ("filled", 8), ("closed", 4), ("expired", 5))
CLOSE_REASONS = ("单位取消招聘", "已通过其他渠道招满", "工程延期", "天气原因停工")
REVIEWERS = ("王主管", "刘主管", "杨主管")
# Typical day pay in yuan (for 8 hours) by job category; other units follow from it.
DAY_PAY = {
    "catering": (160, 220), "domestic": (160, 260), "cleaning": (160, 200), "logistics": (170, 280),
    "construction": (220, 380), "manufacturing": (160, 240), "agriculture": (160, 200), "retail": (160, 220),
    "services": (170, 260),
}  # fmt: skip
# (unit, weight, settlements with weights): how work paid by each unit is usually settled.
UNITS = (
    ("day", 60, (("daily", 70), ("weekly", 20), ("completion", 10))),
    ("hour", 20, (("daily", 60), ("weekly", 40))),
    ("month", 12, (("monthly", 100),)),
    ("piece", 8, (("weekly", 40), ("monthly", 30), ("completion", 30))),
)

EMPLOYER_SQL = (
    "INSERT INTO employers (id, hlc, origin_station, deleted, created_at, updated_at, kind, name, short_name, "
    "name_initials, credit_code, owner_id_key, owner_id_cipher, owner_id_masked, contact_name, phone, phone2, "
    "address, district_code, industry, terms_accepted, terms_accepted_at, terms_version, suspended, "
    "suspension_reason, suspension_note, suspended_on, suspended_by, notes) "
    "VALUES (?,?,?,0,?,?,?,?,?,?,?,?,?,?,?,?,'',?,?,?,1,?,?,0,'','',NULL,'','')"
)
POSTING_COLUMNS = (
    "id", "hlc", "origin_station", "deleted", "created_at", "updated_at", "code", "employer_id", "title",
    "job_type", "headcount", "duties", "requirements", "conditions", "pay_cents", "pay_unit", "settlement",
    "meals", "transport", "lodging", "benefits_note", "safety", "work_place", "district_code", "start_date",
    "end_date", "daily_hours", "work_time", "contact_name", "contact_phone", "age_min", "age_max", "sex_limit",
    "limit_reason", "flagged_terms", "flags_cleared_by", "flags_cleared_at", "status", "submitted_at",
    "reviewed_by", "reviewed_at", "review_note", "opened_at", "expires_on", "ended_at", "end_reason",
    "source_channel", "search_text", "notes",
)  # fmt: skip
POSTING_SQL = f"INSERT INTO postings ({', '.join(POSTING_COLUMNS)}) VALUES ({','.join('?' * len(POSTING_COLUMNS))})"


@dataclass(frozen=True)
class DemoPostings:
    """What make_postings made."""

    employers: int
    postings: int


@dataclass
class DemoEmployer:
    id: str
    kind: str
    trade: Trade
    name: str
    short_name: str
    credit_code: str | None
    owner_id: str | None
    contact_name: str
    phone: str
    address: str
    district: str
    indexed: Employer  # its names, for postings.search_text()


def employers_for(n_postings: int) -> int:
    """How many demo employers post `n_postings`: a dozen or so for a demo, 2,000 for a bench."""
    return min(max(6, n_postings // 4), 2000)


def organisation_code(body8: str) -> str:
    """A GB 11714 organisation code: eight characters and their check character (0-9 or X)."""
    total = sum(int(c, 36) * w for c, w in zip(body8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body8 + {10: "X", 11: "0"}.get(check, str(check))


def short_place(name: str) -> str:
    """How a prefecture is named in a company name: 贵阳市 → 贵阳, 黔东南苗族侗族自治州 → 黔东南."""
    for suffix in ("自治州", "地区", "市", "盟"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    changed = True
    while changed:
        changed = False
        for group in ETHNIC_GROUPS:
            if name.endswith(group) and len(name) > len(group) + 1:
                name, changed = name[: -len(group)], True
    return name


def _cum(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    """Keys and cumulative weights, for random.choices(keys, cum_weights=…)."""
    return [k for k, _ in pairs], list(accumulate(w for _, w in pairs))


def _stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(" ")


class EmployerMaker:
    """Plausible employers of a province, drawn from the seeded source of a PersonMaker."""

    def __init__(self, people: PersonMaker, province: str, taken_codes: set[str], taken_owners: set[str]) -> None:
        self.people = people
        self.rng = people.rng
        self.province = province
        self.counties = [code for code, _ in current_counties(province)]
        self.codes = taken_codes
        self.owners = taken_owners
        self.names: set[str] = set()
        self.kinds = _cum(KIND_SHARES)
        self.trades = {
            kind: ([t for t in TRADES if t.kind == kind], list(accumulate(t.weight for t in TRADES if t.kind == kind)))
            for kind, _ in KIND_SHARES
        }

    def city(self, county: str) -> str:
        prefecture = county_name(county[:4] + "00")
        if prefecture in ("", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            prefecture = province_name(county[:2]) or ""
        return short_place(prefecture)

    def credit_code(self, prefix: str, region: str) -> str:
        """A code not yet taken: registered since 2015, so the organisation code begins with MA."""
        while True:
            body = "MA" + "".join(self.rng.choice(CHARSET) for _ in range(6))
            first17 = prefix + region + organisation_code(body)
            code = first17 + check_char(first17)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def phone(self) -> str:
        if self.province == "52" and self.rng.random() < 0.4:  # Guizhou has one area code, 0851
            return f"0851-{self.rng.randint(2, 8)}{self.rng.randint(0, 9_999_999):07d}"
        return self.people.phone()

    def make(self, keyring_id_key: Callable[[str], str]) -> DemoEmployer:
        rng = self.rng
        kind = rng.choices(self.kinds[0], cum_weights=self.kinds[1])[0]
        trades, cum = self.trades[kind]
        trade = rng.choices(trades, cum_weights=cum)[0]
        county = rng.choice(self.counties)
        contact = self.people.name(rng.choice("MF"))
        street = f"{county_name(county)}{rng.choice(STREETS)}{rng.randint(1, 399)}号"
        if kind == "household":
            while True:
                owner = self.people.id_number()[0]
                if keyring_id_key(owner) not in self.owners:
                    break
            address = f"{county_name(county)}{rng.choice(ESTATES)}{rng.randint(1, 30)}栋"
            return DemoEmployer(
                new_uuid(), kind, trade, contact + "家", "", None, owner, contact, self.people.phone(), address, county,
                Employer(name=contact + "家", short_name=""),
            )  # fmt: skip
        while True:
            trade_name = rng.choice(TRADE_NAMES)
            place = self.city(county) if kind == "enterprise" else county_name(county)
            name = place + trade_name + trade.suffix
            if name not in self.names:
                break
            if len(self.names) > 20_000:  # a big bench: tell namesakes apart as a registry would
                name = f"{place}{trade_name}{rng.choice(TRADE_NAMES)}{trade.suffix}"
                if name not in self.names:
                    break
        self.names.add(name)
        short_name = trade_name + trade.short if kind == "enterprise" and rng.random() < 0.5 else ""
        prefix = {"enterprise": "91", "cooperative": "93", "individual": "92"}[kind]
        region = county if kind != "enterprise" or rng.random() < 0.7 else county[:4] + "00"
        return DemoEmployer(
            new_uuid(), "individual" if kind == "individual" else "enterprise", trade, name, short_name,
            self.credit_code(prefix, region), None, contact, self.phone(), street, county,
            Employer(name=name, short_name=short_name),
        )  # fmt: skip


class PostingMaker:
    """Plausible postings of given employers, each keeping every rule of validate_posting."""

    def __init__(self, people: PersonMaker, policy: WagePolicy, today: date, open_days: int, province: str) -> None:
        self.people = people
        self.rng = people.rng
        self.policy = policy
        self.today = today
        self.open_days = open_days
        self.counties = [code for code, _ in current_counties(province)]
        self.statuses = _cum(STATUSES)
        self.sources = _cum(SOURCES)
        self.units = _cum(tuple((u, w) for u, w, _ in UNITS))
        self.settlements = {u: _cum(s) for u, _, s in UNITS}
        self.job_codes: dict[str, str] = {}
        for trade in TRADES:
            for short in trade.hires:
                code = find_job_type(short)
                assert code is not None, short
                self.job_codes[short] = code
        self._flags: dict[str, list[str]] = {}
        self._codes: dict[str, int] = {}

    def continue_codes(self, existing: list[str], prefix: str) -> None:
        """Number each day's postings after those the station already has (prefix 'GY01-P')."""
        for code in existing:
            day, number = code[len(prefix) :].rsplit("-", 1)
            self._codes[day] = max(self._codes.get(day, 0), int(number))

    def plan(self, n: int, now: datetime) -> list[tuple[datetime, str]]:
        """(created, status) of each posting, oldest first: the order they go in, so pk follows time."""
        rng = self.rng
        plan = []
        for _ in range(n):
            status = rng.choices(self.statuses[0], cum_weights=self.statuses[1])[0]
            if status == "open":
                age = timedelta(minutes=rng.randint(0, (self.open_days - 1) * 24 * 60))
            elif status in ("pending", "draft"):
                age = timedelta(minutes=rng.randint(0, 5 * 24 * 60))
            else:
                age = timedelta(days=rng.randint(self.open_days + 1, 700), minutes=rng.randint(0, 24 * 60))
            plan.append((now - age, status))
        plan.sort(key=lambda p: p[0])
        return plan

    def pay(self, short: str, category: str, unit: str, hours: float) -> int:
        """Pay in cents, typical for the work and never below the local minimum wage."""
        rng = self.rng
        if unit == "piece":
            low, high = PIECE_RATES[short]
            return rng.randint(low // 5, high // 5) * 5
        low, high = DAY_PAY[category]
        if unit == "day":
            cents, step = rng.randrange(low, high + 1, 10) * 100 * hours / 8, 1000
        elif unit == "hour":
            cents, step = rng.randint(low // 8, high // 8 + 2) * 100, 100
        else:
            cents, step = rng.randrange(low * 22, high * 26, 100) * 100, 10000
        floor = self.policy.floor(unit, hours)
        return int(math.ceil(max(cents, floor[0] if floor else 0) / step) * step)

    def dates(self, created: date, status: str, unit: str) -> tuple[date, date]:
        rng = self.rng
        start = created + timedelta(days=rng.randint(0, 10))
        days = (29, 59, 89, 179) if unit == "month" else (0, 1, 2, 4, 6, 13, 29, 59)
        length = timedelta(days=rng.choice(days))
        if status in ("open", "pending", "draft"):  # still to be worked: not over yet
            return start, max(start, self.today) + length
        return start, start + length

    def code(self, node: str, created: datetime) -> str:
        day = created.strftime("%Y%m%d")
        self._codes[day] = self._codes.get(day, 0) + 1
        return f"{node}-P{day}-{self._codes[day]:04d}"

    def flagged(self, requirements: str) -> list[str]:
        if requirements not in self._flags:
            self._flags[requirements] = sorted({f.term for f in scan({"requirements": requirements})})
        return self._flags[requirements]

    def contact(self, e: DemoEmployer) -> tuple[str, str]:
        """Mostly the employer's contact; sometimes a foreman or shift leader with a mobile."""
        rng = self.rng
        if e.kind == "household" or rng.random() < 0.75:
            return e.contact_name, e.phone
        name = self.people.name(rng.choice("MF"))
        if rng.random() < 0.4:
            name = name[0] + rng.choice(("经理", "师傅", "女士", "先生", "主管", "班长"))
        return name, self.people.phone()

    def row(self, station: Station, e: DemoEmployer, created: datetime, status: str) -> tuple[object, ...]:
        rng = self.rng
        short = rng.choice(e.trade.hires)
        job_type = self.job_codes[short]
        category = job_type_by_code()[job_type].category
        unit = rng.choices(self.units[0], cum_weights=self.units[1])[0]
        if unit == "piece" and short not in PIECE_RATES:
            unit = "day"
        if e.kind == "household" and unit in ("hour", "piece"):
            unit = rng.choice(("day", "month"))
        settlements, settlement_cum = self.settlements[unit]
        settlement = rng.choices(settlements, cum_weights=settlement_cum)[0]
        tails = TAILS + (("（日结）",) if settlement == "daily" else ())
        tails += ("（长期）",) if unit == "month" else SHORT_TAILS if unit in ("day", "hour") else ()
        title = rng.choice(e.trade.places) + short
        title += "" if title.endswith("临时工") else rng.choice(tails)
        hours = rng.choice((8.0, 8.0, 8.0, 8.0, 4.0, 6.0, 9.0, 10.0))
        start, end = self.dates(created.date(), status, unit)
        district = e.district if e.kind == "household" or rng.random() < 0.7 else rng.choice(self.counties)
        county = county_name(district)
        if e.kind == "household":
            work_place = e.address
        elif rng.random() < 0.3:
            work_place = county + rng.choice(PARKS)
        else:
            work_place = f"{county}{rng.choice(STREETS)}{rng.randint(1, 399)}号"
        requirements = rng.choice(REQUIREMENTS)
        if status == "pending" and rng.random() < 0.1:
            requirements = rng.choice(FLAGGED_REQUIREMENTS)
        age_min = age_max = None
        limit_reason = ""
        if category == "construction" and rng.random() < 0.05:
            age_min, age_max, limit_reason = 18, 55, "高处作业，须身体条件符合要求"
        contact, phone = self.contact(e)
        code = self.code(station.clock.node, created)

        submitted = reviewed = opened = ended = None
        expires: date | None = None
        reviewer = end_reason = ""
        if status != "draft":
            submitted = created + timedelta(minutes=rng.randint(1, 120))
        if status in ("open", "filled", "closed", "expired"):
            assert submitted is not None
            reviewed = opened = submitted + timedelta(minutes=rng.randint(5, 600))
            reviewer = rng.choice(REVIEWERS)
            expires = min(end, opened.date() + timedelta(days=self.open_days))
            if status == "open":
                expires = max(expires, self.today)  # opened at the edge of the window: still current
        if status == "expired":
            assert expires is not None
            ended = datetime.combine(expires + timedelta(days=1), datetime.min.time()) + timedelta(hours=1)
        elif status in ("filled", "closed"):
            assert opened is not None
            ended = opened + timedelta(days=rng.randint(0, 10), hours=rng.randint(1, 8))
            if status == "closed":
                end_reason = rng.choice(CLOSE_REASONS)
                if rng.random() < 0.3:  # withdrawn while still waiting for review
                    reviewer, reviewed, opened, expires = "", None, None, None
        updated = ended or opened or submitted or created
        return (
            new_uuid(), station.clock.now(), station.clock.node, 0, _stamp(created), _stamp(updated), code, e.id,
            title, job_type, 1 if e.kind == "household" else rng.choice((1, 2, 2, 3, 5, 5, 8, 10, 20, 30)),
            DUTIES[short], requirements, "", self.pay(short, category, unit, hours), unit, settlement,
            int(rng.random() < 0.5), int(rng.random() < 0.15),
            int(rng.random() < (0.3 if category in ("construction", "agriculture", "domestic") else 0.1)),
            rng.choice(BENEFITS), SAFETY.get(category, ""), work_place, district, start.isoformat(), end.isoformat(),
            hours, rng.choice(WORK_TIMES), contact, phone, age_min, age_max, "", limit_reason,
            json.dumps(self.flagged(requirements) if requirements else [], ensure_ascii=False), "", None, status,
            _stamp(submitted) if submitted else None, reviewer, _stamp(reviewed) if reviewed else None, "",
            _stamp(opened) if opened else None, expires.isoformat() if expires else None,
            _stamp(ended) if ended else None, end_reason, rng.choices(self.sources[0], cum_weights=self.sources[1])[0],
            search_text(code, title, e.indexed, work_place), "",
        )  # fmt: skip


def _employer_row(station: Station, e: DemoEmployer, when: str) -> tuple[object, ...]:
    owner = e.owner_id
    return (
        e.id, station.clock.now(), station.clock.node, when, when, e.kind, e.name, e.short_name,
        name_initials(e.short_name or e.name), e.credit_code,
        station.keys.id_key(owner) if owner else None, station.keys.encrypt(owner) if owner else None,
        mask_id(owner) if owner else "", e.contact_name, e.phone, e.address, e.district, e.trade.industry, when,
        TERMS_VERSION,
    )  # fmt: skip


def make_postings(
    station: Station,
    n: int,
    *,
    seed: int = 1,
    today: date | None = None,
    batch: int = 20_000,
    progress: Callable[[int, int], None] | None = None,
    marked: bool = True,
) -> DemoPostings:
    """Insert demo employers and `n` postings of theirs, a transaction per batch; say how many.

    Codes count per day after any the station already has, as its own would: up to 9,999 a day,
    so a few hundred thousand postings at most. `marked=False` only for load tests whose rows are
    meant to reach a server (server/bench.py).
    """
    if n <= 0:
        return DemoPostings(0, 0)
    today = today or wallclock.today()
    province = station.settings.province
    people = PersonMaker(seed * 7919 + 17, province, today)
    rng = people.rng
    now = wallclock.utcnow()
    with storage_guard(), station.db.read() as s:
        sql = s.connection().exec_driver_sql
        taken = {str(r[0]) for r in sql("SELECT credit_code FROM employers WHERE credit_code IS NOT NULL")}
        names = {str(r[0]) for r in sql("SELECT name FROM employers")}
        owners = {str(r[0]) for r in sql("SELECT owner_id_key FROM employers WHERE owner_id_key IS NOT NULL")}
        prefix = f"{station.clock.node}-P"
        existing = [
            str(r[0]) for r in sql("SELECT code FROM postings WHERE substr(code, 1, ?) = ?", (len(prefix), prefix))
        ]

    em = EmployerMaker(people, province, taken, owners)
    em.names |= names
    pm = PostingMaker(people, station.postings.policy, today, station.postings.open_days, province)
    pm.continue_codes(existing, prefix)
    employers = [em.make(station.keys.id_key) for _ in range(employers_for(n))]
    # A few employers post most of the jobs.
    cum = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(employers))))
    plan = pm.plan(n, now)

    def rows() -> Iterator[tuple[object, ...]]:
        for created, status in plan:
            yield pm.row(station, rng.choices(employers, cum_weights=cum)[0], created, status)

    registered = [_stamp(now - timedelta(days=rng.randint(31, 720))) for _ in employers]
    done = 0
    with storage_guard():
        conn = station.db.writer.raw_connection()
        try:
            raw: Any = conn.driver_connection
            source = rows()
            while done < n:
                chunk = [next(source) for _ in range(min(batch, n - done))]
                raw.execute("BEGIN IMMEDIATE")
                try:
                    if done == 0:  # the employers (and the demo mark) go in with the first postings
                        if marked:
                            raw.execute(MARK_DEMO_SQL)
                        raw.executemany(
                            EMPLOYER_SQL, map(_employer_row, [station] * len(employers), employers, registered)
                        )
                    raw.executemany(POSTING_SQL, chunk)
                    raw.execute("COMMIT")
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
                done += len(chunk)
                if progress:
                    progress(done, n)
        finally:
            conn.close()
    return DemoPostings(len(employers), done)
