"""Reference data loaded once: region codes (GB/T 2260), the job-type taxonomy, fixed choice lists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.i18n import QT_TRANSLATE_NOOP, current_language, translate
from resources import resource_path


@dataclass(frozen=True)
class Choice:
    """A stored key and its label (translated on read)."""

    key: str
    source_label: str
    context: str = "Reference"

    @property
    def label(self) -> str:
        return translate(self.context, self.source_label)


SPECIAL_GROUPS: tuple[Choice, ...] = (
    Choice("poverty_lifted", QT_TRANSLATE_NOOP("Reference", "脱贫人口")),
    Choice("monitored", QT_TRANSLATE_NOOP("Reference", "防返贫监测对象")),
    Choice("disabled", QT_TRANSLATE_NOOP("Reference", "残疾人")),
    Choice("relocated", QT_TRANSLATE_NOOP("Reference", "易地搬迁群众")),
    Choice("rural_labour", QT_TRANSLATE_NOOP("Reference", "农村劳动力")),
    Choice("graduate", QT_TRANSLATE_NOOP("Reference", "高校毕业生")),
    Choice("veteran", QT_TRANSLATE_NOOP("Reference", "退役军人")),
    Choice("hard_to_employ", QT_TRANSLATE_NOOP("Reference", "就业困难人员")),
)

WAGE_UNITS: tuple[Choice, ...] = (
    Choice("hour", QT_TRANSLATE_NOOP("Reference", "元/小时")),
    Choice("day", QT_TRANSLATE_NOOP("Reference", "元/天")),
    Choice("piece", QT_TRANSLATE_NOOP("Reference", "元/件")),
    Choice("month", QT_TRANSLATE_NOOP("Reference", "元/月")),
)

TIME_SLOTS: tuple[Choice, ...] = (
    Choice("morning", QT_TRANSLATE_NOOP("Reference", "上午")),
    Choice("afternoon", QT_TRANSLATE_NOOP("Reference", "下午")),
    Choice("night", QT_TRANSLATE_NOOP("Reference", "晚上")),
    Choice("weekend", QT_TRANSLATE_NOOP("Reference", "周末")),
)

SETTLEMENTS: tuple[Choice, ...] = (
    Choice("daily", QT_TRANSLATE_NOOP("Reference", "日结")),
    Choice("weekly", QT_TRANSLATE_NOOP("Reference", "周结")),
    Choice("monthly", QT_TRANSLATE_NOOP("Reference", "月结")),
    Choice("completion", QT_TRANSLATE_NOOP("Reference", "完工结")),
)

EMPLOYER_KINDS: tuple[Choice, ...] = (
    Choice("enterprise", QT_TRANSLATE_NOOP("Reference", "企业或机构")),
    Choice("individual", QT_TRANSLATE_NOOP("Reference", "个体工商户")),
    Choice("household", QT_TRANSLATE_NOOP("Reference", "家庭或个人")),
)

# GB/T 4754-2017 sections (门类).
INDUSTRIES: tuple[Choice, ...] = (
    Choice("A", QT_TRANSLATE_NOOP("Reference", "农、林、牧、渔业")),
    Choice("B", QT_TRANSLATE_NOOP("Reference", "采矿业")),
    Choice("C", QT_TRANSLATE_NOOP("Reference", "制造业")),
    Choice("D", QT_TRANSLATE_NOOP("Reference", "电力、热力、燃气及水生产和供应业")),
    Choice("E", QT_TRANSLATE_NOOP("Reference", "建筑业")),
    Choice("F", QT_TRANSLATE_NOOP("Reference", "批发和零售业")),
    Choice("G", QT_TRANSLATE_NOOP("Reference", "交通运输、仓储和邮政业")),
    Choice("H", QT_TRANSLATE_NOOP("Reference", "住宿和餐饮业")),
    Choice("I", QT_TRANSLATE_NOOP("Reference", "信息传输、软件和信息技术服务业")),
    Choice("J", QT_TRANSLATE_NOOP("Reference", "金融业")),
    Choice("K", QT_TRANSLATE_NOOP("Reference", "房地产业")),
    Choice("L", QT_TRANSLATE_NOOP("Reference", "租赁和商务服务业")),
    Choice("M", QT_TRANSLATE_NOOP("Reference", "科学研究和技术服务业")),
    Choice("N", QT_TRANSLATE_NOOP("Reference", "水利、环境和公共设施管理业")),
    Choice("O", QT_TRANSLATE_NOOP("Reference", "居民服务、修理和其他服务业")),
    Choice("P", QT_TRANSLATE_NOOP("Reference", "教育")),
    Choice("Q", QT_TRANSLATE_NOOP("Reference", "卫生和社会工作")),
    Choice("R", QT_TRANSLATE_NOOP("Reference", "文化、体育和娱乐业")),
    Choice("S", QT_TRANSLATE_NOOP("Reference", "公共管理、社会保障和社会组织")),
    Choice("T", QT_TRANSLATE_NOOP("Reference", "国际组织")),
)

SUSPENSION_REASONS: tuple[Choice, ...] = (
    Choice("unpaid_wages", QT_TRANSLATE_NOOP("Reference", "拖欠工资")),
    Choice("fraud", QT_TRANSLATE_NOOP("Reference", "虚假招聘或欺诈")),
    Choice("unsafe", QT_TRANSLATE_NOOP("Reference", "不安全作业")),
    Choice("fees", QT_TRANSLATE_NOOP("Reference", "向求职者收费或扣押证件")),
    Choice("other", QT_TRANSLATE_NOOP("Reference", "其他")),
)

POSTING_STATUSES: tuple[Choice, ...] = (
    Choice("draft", QT_TRANSLATE_NOOP("Reference", "草稿")),
    Choice("pending", QT_TRANSLATE_NOOP("Reference", "待审核")),
    Choice("open", QT_TRANSLATE_NOOP("Reference", "招聘中")),
    Choice("filled", QT_TRANSLATE_NOOP("Reference", "已招满")),
    Choice("closed", QT_TRANSLATE_NOOP("Reference", "已关闭")),
    Choice("expired", QT_TRANSLATE_NOOP("Reference", "已过期")),
)

REFERRAL_STATUSES: tuple[Choice, ...] = (
    Choice("pending", QT_TRANSLATE_NOOP("Reference", "待反馈")),
    Choice("hired", QT_TRANSLATE_NOOP("Reference", "已录用")),
    Choice("not_hired", QT_TRANSLATE_NOOP("Reference", "未录用")),
    Choice("no_show", QT_TRANSLATE_NOOP("Reference", "未到岗")),
    Choice("cancelled", QT_TRANSLATE_NOOP("Reference", "已取消")),
)

NOT_HIRED_REASONS: tuple[Choice, ...] = (
    Choice("skills", QT_TRANSLATE_NOOP("Reference", "技能或经验不符")),
    Choice("conditions", QT_TRANSLATE_NOOP("Reference", "年龄、身体等条件不符")),
    Choice("pay", QT_TRANSLATE_NOOP("Reference", "工资待遇未谈拢")),
    Choice("full", QT_TRANSLATE_NOOP("Reference", "岗位已招满")),
    Choice("declined", QT_TRANSLATE_NOOP("Reference", "求职者放弃")),
    Choice("other", QT_TRANSLATE_NOOP("Reference", "其他")),
)

CALL_RESULTS: tuple[Choice, ...] = (
    Choice("hired", QT_TRANSLATE_NOOP("Reference", "已上岗")),
    Choice("not_hired", QT_TRANSLATE_NOOP("Reference", "未录用")),
    Choice("no_show", QT_TRANSLATE_NOOP("Reference", "未去应聘")),
    Choice("waiting", QT_TRANSLATE_NOOP("Reference", "已联系，仍在等结果")),
    Choice("no_answer", QT_TRANSLATE_NOOP("Reference", "无人接听")),
    Choice("wrong_number", QT_TRANSLATE_NOOP("Reference", "号码错误或停机")),
)

SEX_LIMITS: tuple[Choice, ...] = (
    Choice("", QT_TRANSLATE_NOOP("Reference", "不限")),
    Choice("M", QT_TRANSLATE_NOOP("Reference", "限男性")),
    Choice("F", QT_TRANSLATE_NOOP("Reference", "限女性")),
)


def choice_keys(choices: tuple[Choice, ...]) -> frozenset[str]:
    return frozenset(c.key for c in choices)


def label_of(choices: tuple[Choice, ...], key: str) -> str:
    for c in choices:
        if c.key == key:
            return c.label
    return key


@dataclass(frozen=True)
class JobType:
    code: str
    zh: str
    en: str
    category: str

    @property
    def label(self) -> str:
        return self.en if current_language() == "en" else self.zh


@cache
def _load(name: str) -> Any:
    return json.loads(resource_path("data", name).read_text(encoding="utf-8"))


@cache
def job_types() -> tuple[JobType, ...]:
    return tuple(JobType(**t) for t in _load("job_types.json")["types"])


@cache
def job_type_by_code() -> dict[str, JobType]:
    return {t.code: t for t in job_types()}


def job_type_label(code: str) -> str:
    jt = job_type_by_code().get(code)
    return jt.label if jt else code


@cache
def _job_type_lookup() -> dict[str, str]:
    """Names, bracket-free short names and codes → code, for imports."""
    table: dict[str, str] = {}
    for t in job_types():
        table[t.code] = t.code
        for name in (t.zh, t.en.lower()):
            table[name] = t.code
            short = name.split("（")[0].split("(")[0].strip()
            table.setdefault(short, t.code)
            if "（" in name:  # 快递分拣员（快件处理员） is also found as 快件处理员
                table.setdefault(name.split("（")[1].rstrip("）"), t.code)
    return table


def find_job_type(text: str) -> str | None:
    return _job_type_lookup().get(text.strip()) or _job_type_lookup().get(text.strip().lower())


# ---- regions ----------------------------------------------------------------------------------


@cache
def _regions() -> dict[str, Any]:
    data = _load("regions.json")
    return {
        "provinces": data["provinces"],
        "names": data["names"],
        "current": frozenset(data["current"]),
    }


def province_name(code2: str) -> str | None:
    return _regions()["provinces"].get(code2)


def region_known(code6: str) -> bool:
    """Whether a six-digit code is or was a real division code (codes abolished since stay valid)."""
    return code6 in _regions()["names"]


def region_name(code6: str) -> str:
    """'贵阳市南明区' style: the county with its prefecture; '' for an unknown code."""
    names = _regions()["names"]
    name = names.get(code6)
    if name is None:
        return ""
    if code6.endswith("0000"):
        return name
    if code6.endswith("00"):
        return name
    prefecture = names.get(code6[:4] + "00", "")
    if prefecture in ("", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        # Counties of Beijing, Tianjin, Shanghai, Chongqing and directly governed ones: the province.
        prefecture = names.get(code6[:2] + "0000", "")
    return prefecture + name


@cache
def current_counties(province: str) -> tuple[tuple[str, str], ...]:
    """(code, '贵阳市南明区') for today's county-level divisions of a province, by code."""
    return tuple(
        (code, region_name(code))
        for code in sorted(_regions()["current"])
        if code.startswith(province) and not code.endswith("00")
    )


def find_district(text: str, province: str) -> str | None:
    """A county by code, full name ('贵阳市南明区') or own name ('南明区') within the province."""
    text = text.strip().replace(" ", "")
    if text.isdigit() and len(text) == 6:
        return text if region_known(text) else None
    names = _regions()["names"]
    for code, full in current_counties(province):
        if text in (full, names.get(code)):
            return code
    return None


@cache
def place_names() -> frozenset[str]:
    """Every division's own name ('贵州省', '贵阳市', '观山湖区'), to recognise one leading a business name."""
    return frozenset(str(n) for n in _regions()["names"].values() if len(str(n)) >= 2)


def county_name(code6: str) -> str:
    """A county's own name ('观山湖区'), without its prefecture; '' for an unknown code."""
    return str(_regions()["names"].get(code6, ""))


@cache
def _county_words(province: str) -> tuple[tuple[str, str], ...]:
    """(word, code) for every way a county of the province is written in an address, longest first.

    The full and own names, and for an autonomous county the short form people write
    (道真仡佬族苗族自治县 → 道真县).
    """
    words: dict[str, str] = {}
    for code, full in current_counties(province):
        own = county_name(code)
        for word in (full, own, own[:2] + "县" if own.endswith("自治县") else ""):
            if len(word) >= 2:
                words.setdefault(word, code)
    return tuple(sorted(words.items(), key=lambda item: -len(item[0])))


def find_district_in_text(text: str, province: str) -> str | None:
    """The county an address names ('观山湖区金阳南路' → 520115): the first one written, if any."""
    text = text.replace(" ", "")
    best: tuple[int, str] | None = None
    for word, code in _county_words(province):
        at = text.find(word)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, code)
    return best[1] if best else None
