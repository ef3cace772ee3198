"""Translation for the Qt-free core.

Source strings are Chinese (zh_CN is the primary language). Strings in app/ are marked with
QT_TRANSLATE_NOOP so pyside6-lupdate collects them into resources/i18n/linggong_en.ts with the
UI's. The UI installs Qt's translator here; headless commands read the .ts catalog directly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache

from resources import resource_path

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

Translator = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for extraction; returns it untranslated."""
    return text


@cache
def _catalog(language: str) -> dict[tuple[str, str], str]:
    path = resource_path("i18n", f"linggong_{language}.ts")
    if not path.exists():
        return {}
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 — our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            if node is not None and node.text and node.get("type") not in ("unfinished", "obsolete"):
                table[(name, source)] = node.text
    return table


class _State:
    language = DEFAULT_LANGUAGE
    translator: Translator | None = None


def set_language(language: str) -> None:
    _State.language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _State.language


def install_translator(translator: Translator | None) -> None:
    """The UI hands in QCoreApplication.translate so both layers share one catalog."""
    _State.translator = translator


def translate(context: str, text: str) -> str:
    """Translate a marked core string into the current language."""
    if _State.translator is not None:
        return _State.translator(context, text)
    if _State.language == DEFAULT_LANGUAGE:
        return text
    return _catalog(_State.language).get((context, text), text)
