"""The name index: every two-character run of a name, so 2-character searches hit an index.

SQLite's trigram tokenizer finds nothing under three characters, and Chinese given names are
often two. Names are indexed as their bigrams in an FTS5 table (maintained by triggers that call
`lg_name_grams`, registered on every connection); a longer query ANDs its bigrams and the
candidates are checked with instr().
"""

from __future__ import annotations

import unicodedata

# Middle-dot look-alikes typed by different input methods for minority names (阿依古丽·买买提).
NAME_DOTS = "·•‧・﹒．"
_STRIP = str.maketrans("", "", NAME_DOTS + " \u3000\t")


def compact_name(text: str) -> str:
    """The name as searched: NFKC, without dots and spaces."""
    return unicodedata.normalize("NFKC", text).translate(_STRIP)


def bigrams(text: str) -> list[str]:
    s = compact_name(text)
    if len(s) < 2:
        return [s] if s else []
    return sorted({s[i : i + 2] for i in range(len(s) - 1)})


def name_grams(name: str | None) -> str:
    """Space-separated bigrams of a name: the FTS5 document for it."""
    return " ".join(bigrams(name or ""))


def posting_search_text(code: str, title: str, short_name: str, name: str, work_place: str) -> str:
    """What a posting is found by: title, employer names, place and code, case-folded."""
    return " ".join(compact_name(t) for t in (title, short_name, name, work_place, code) if t).casefold()


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression requiring every bigram of the query."""
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in bigrams(query))
