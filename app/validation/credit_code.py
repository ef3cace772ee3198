"""Unified social credit codes (统一社会信用代码) as GB 32100-2015 defines them.

Eighteen characters: registration authority (1), organisation type (1), the registering
authority's division code (6), the organisation's code body (9, GB 11714) and a check character
computed over the first seventeen with weights 3^i mod 31. Letters I, O, S, V and Z are never used.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.errors import ValidationError
from app.i18n import translate
from app.reference import province_name

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CHARSET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, …
_SEPARATORS = str.maketrans("", "", " \t\u3000-_")
# Registration authority → organisation types it issues (GB 32100-2015 table 1).
AUTHORITY_TYPES = {
    "1": "1239",  # 机构编制：机关、事业单位、中央编办直接管理机构编制的群众团体、其他
    "2": "19",  # 外交
    "3": "123459",  # 司法行政：律师执业机构、公证处、基层法律服务所、司法鉴定机构、仲裁委员会、其他
    "4": "19",  # 文化
    "5": "1239",  # 民政：社会团体、民办非企业单位、基金会、其他
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 工商：企业、个体工商户、农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业：农村集体经济组织
    "Y": "1",  # 其他
}
INDIVIDUAL_BUSINESS_PREFIX = "92"


def normalize_credit_code(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_SEPARATORS).upper()


def check_char(first17: str) -> str:
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


@dataclass(frozen=True)
class CreditCode:
    code: str

    @property
    def is_individual_business(self) -> bool:
        return self.code.startswith(INDIVIDUAL_BUSINESS_PREFIX)

    @property
    def region_code(self) -> str:
        return self.code[2:8]


def parse_credit_code(text: str, *, field: str = "credit_code") -> CreditCode:
    """A checked code, or ValidationError saying exactly what is wrong with it."""
    code = normalize_credit_code(text)
    if not code:
        raise ValidationError(field, translate("Validation", "请输入统一社会信用代码"))
    if len(code) != 18:
        raise ValidationError(
            field, translate("Validation", "统一社会信用代码应为18位，现在是{n}位").format(n=len(code))
        )
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        raise ValidationError(
            field,
            translate("Validation", "统一社会信用代码中不能有“{chars}”（不使用字母I、O、S、V、Z）").format(
                chars="、".join(bad)
            ),
        )
    types = AUTHORITY_TYPES.get(code[0])
    if types is None or code[1] not in types:
        raise ValidationError(
            field, translate("Validation", "前两位“{p}”不是有效的登记管理部门和机构类别").format(p=code[:2])
        )
    # 100000: organisations registered at national level.
    if not code[2:8].isdigit() or (code[2:8] != "100000" and province_name(code[2:4]) is None):
        raise ValidationError(field, translate("Validation", "第3至8位“{r}”不是有效的行政区划代码").format(r=code[2:8]))
    expected = check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            field, translate("Validation", "校验码不对：最后一位应为{c}，请逐位核对").format(c=expected)
        )
    return CreditCode(code)
