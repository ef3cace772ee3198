"""How two versions of a synced row become one: field by field, the newest stamp wins.

Every replica (each station and the server) applies the same rule, which is a maximum over a total
order — commutative, associative and idempotent — so whatever order edits arrive in, everyone ends
with the same row.

The order is (rank, hlc): a field's rank is 0 except where a state must not be left by sync —
a closed or expired posting stays closed, a deleted row stays deleted — however new the other edit.
Stamps are `app.sync.hlc` stamps, compared by their numbers (`stamp_key`), never as text.

A row's stamps are kept compactly in `field_hlc`: fields changed after the row was made map to their
stamp, "*" to the stamp of all the others; an empty map means every field carries the row's `hlc`.
"""

from __future__ import annotations

from typing import Any

from app.sync.hlc import stamp_key

TERMINAL = {("posting", "status"): frozenset({"closed", "expired"})}
BASE = "*"


def rank(entity: str, name: str, value: Any) -> int:
    if name == "deleted":
        return 1 if value else 0
    terminal = TERMINAL.get((entity, name))
    return 1 if terminal is not None and value in terminal else 0


def stamp_of(field_hlc: dict[str, str], row_hlc: str, name: str) -> str:
    return field_hlc.get(name) or field_hlc.get(BASE) or row_hlc


def wins(entity: str, name: str, new: Any, new_hlc: str, old: Any, old_hlc: str) -> bool:
    """Whether (new, new_hlc) replaces (old, old_hlc) for this field."""
    return (rank(entity, name, new), stamp_key(new_hlc)) > (rank(entity, name, old), stamp_key(old_hlc))


def with_stamps(field_hlc: dict[str, str], row_hlc: str, stamps: dict[str, str]) -> dict[str, str]:
    """`field_hlc` after the fields in `stamps` took those stamps (a new dict)."""
    out = dict(field_hlc)
    if BASE not in out:
        out[BASE] = row_hlc
    out.update(stamps)
    return out


def merge_into(
    entity: str,
    data: dict[str, Any],
    field_hlc: dict[str, str],
    row_hlc: str,
    incoming: dict[str, Any],
    incoming_hlc: dict[str, str] | str,
    *,
    skip: frozenset[str] | set[str] = frozenset(),
) -> tuple[dict[str, Any], dict[str, str], str]:
    """Merge `incoming` fields into a row; returns (changed fields, new field_hlc, new row hlc).

    `incoming_hlc` is one stamp for all incoming fields, or a map like `field_hlc`; fields in `skip`
    (unacknowledged local edits) are left alone.
    """
    changed: dict[str, Any] = {}
    stamps: dict[str, str] = {}
    for name, value in incoming.items():
        if name in skip:
            continue
        new_hlc = incoming_hlc if isinstance(incoming_hlc, str) else stamp_of(incoming_hlc, "", name)
        old_hlc = stamp_of(field_hlc, row_hlc, name)
        if wins(entity, name, value, new_hlc, data.get(name), old_hlc):
            if data.get(name) != value:
                changed[name] = value
            stamps[name] = new_hlc
    if not stamps:
        return {}, field_hlc, row_hlc
    new_field_hlc = with_stamps(field_hlc, row_hlc, stamps)
    return changed, new_field_hlc, max([row_hlc, *stamps.values()], key=stamp_key)
