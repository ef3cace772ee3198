import xml.etree.ElementTree as ET
from pathlib import Path

from app.errors import ValidationError
from app.i18n import set_language
from app.i18n_build import I18N, release
from app.validation.phone import normalize_mobile


def test_every_string_has_an_english_translation() -> None:
    root = ET.parse(I18N / "linggong_en.ts").getroot()
    untranslated = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert untranslated == []
    assert len(list(root.iter("message"))) > 150


def test_compiled_catalog_is_up_to_date(tmp_path: Path) -> None:
    fresh = release(tmp_path)[0]
    assert fresh.read_bytes() == (I18N / fresh.name).read_bytes(), "run `make i18n`"


def test_headless_messages_follow_the_language_setting() -> None:
    set_language("en")
    try:
        normalize_mobile("123")
    except ValidationError as e:
        assert e.message == "A mobile number has 11 digits; this one has 3"
    set_language("zh_CN")
    try:
        normalize_mobile("123")
    except ValidationError as e:
        assert e.message == "手机号码应为11位，现在是3位"
