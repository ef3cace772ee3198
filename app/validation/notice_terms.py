"""Words a recruitment notice must not use to ask seekers for money, deposits or their ID card.

Public employment services may not let an employer charge a job seeker, take a deposit or hold
their identity card (《就业服务与就业管理规定》, 《人力资源市场暂行条例》). A posting whose text
asks for any of these is flagged, and only a supervisor can clear it. A phrase that denies the
practice ("不收押金", "无需押金", "严禁扣押身份证") is not flagged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.i18n import QT_TRANSLATE_NOOP, translate

CATEGORIES = {
    "fee": QT_TRANSLATE_NOOP("Postings", "向求职者收费"),
    "deposit": QT_TRANSLATE_NOOP("Postings", "押金或保证金"),
    "id_card": QT_TRANSLATE_NOOP("Postings", "扣押或收取身份证"),
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("deposit", re.compile(r"押金|压金|保证金|风险金|抵押金|质保金")),
    (
        "id_card",
        re.compile(
            r"(?:扣押|押|收取|收|上交|交|留|抵押)(?:身份证|证件|户口本)"
            r"|身份证(?:原件)?(?:抵押|押在|由公司保管|交公司|上交)"
        ),
    ),
    (
        "fee",
        re.compile(
            r"(?:报名|介绍|中介|培训|体检|服装|工服|制服|办卡|手续|信息|管理|岗位|入职|建档|押)费"
            r"|先交钱|交钱|缴费|交费|收费|付费上岗"
        ),
    ),
)
# A denial governs the demand directly: 不收押金, 无需押金, 免押金, 严禁扣押身份证, 不收费.
_DENIAL = re.compile(
    r"(?:不|无|免|禁|勿|没有?|未|拒绝|严禁|不得|不会|无需|不需|不用)(?:收取?|交纳?|缴纳?|需要?|用|要|再)?$"
)
_CLAUSE_END = re.compile(r"[，,。；;、！!？?：:\n]")
_LOOKBEHIND = 4
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FlaggedTerm:
    field: str
    term: str
    category: str

    def describe(self) -> str:
        return translate("Postings", "“{term}”（{what}）").format(
            term=self.term, what=translate("Postings", CATEGORIES[self.category])
        )


def _denied(text: str, start: int) -> bool:
    """Whether the words just before a match, within its clause, deny it."""
    before = _CLAUSE_END.split(text[max(0, start - _LOOKBEHIND) : start])[-1]
    return bool(_DENIAL.search(before))


def scan(fields: dict[str, str]) -> list[FlaggedTerm]:
    """Every banned demand in the given fields, once per (field, term)."""
    found: dict[tuple[str, str], FlaggedTerm] = {}
    for name, raw in fields.items():
        # Spaces typed between the characters ("押 金") must not hide a demand.
        text = _SPACES.sub("", unicodedata.normalize("NFKC", raw or ""))
        for category, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                if _denied(text, m.start()):
                    continue
                found.setdefault((name, m.group(0)), FlaggedTerm(name, m.group(0), category))
    return list(found.values())
