"""The check after a sync (DESIGN §5.8): what a station holds of its scope, told as one small
figure per table that the server works out the same way for what the station should hold.

Per table: how many rows and an order-free sum of a short hash of each row's id and field stamps,
so two sides holding the same rows in the same versions agree, whatever order they were read in.
The field stamps, not the row's: a station's row keeps the stamp of its own edit that lost to the
server's (a closed post reopened), while every field ends with the server's stamp."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from app.sync.entities import BY_NAME
from app.sync.merge import stamp_of

MOD = 2**64


def row_hash(entity: str, row_id: str, hlc: str, field_hlc: dict[str, Any] | None) -> int:
    """The row's id and each synced field's stamp as merging reads it (its own, else the row's
    base, else the row's): how the stamps are written down differs between a station and the
    server, what they say does not."""
    ent = BY_NAME.get(entity)
    stamps = field_hlc or {}
    names = sorted(ent.columns) if ent is not None else sorted(stamps)
    said = "\x1e".join(stamp_of(stamps, hlc, name) for name in names)
    return int.from_bytes(hashlib.blake2b(f"{row_id}\x1f{said}".encode(), digest_size=8).digest(), "big")


def id_hash(row_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(row_id.encode(), digest_size=8).digest(), "big")


def digest(
    rows: Iterable[tuple[str, str, str, dict[str, Any] | None]], *, by_id_only: set[str] | None = None
) -> dict[str, dict[str, object]]:
    """{table: {"count": n, "hash": hex}} of (entity, id, hlc, field_hlc) rows; those in
    `by_id_only` count by id alone (held as parents of the scope, not kept up to date with it)."""
    only = by_id_only or set()
    counts: dict[str, int] = {}
    sums: dict[str, int] = {}
    for entity, row_id, hlc, field_hlc in rows:
        counts[entity] = counts.get(entity, 0) + 1
        h = id_hash(row_id) if row_id in only else row_hash(entity, row_id, hlc, field_hlc)
        sums[entity] = (sums.get(entity, 0) + h) % MOD
    return {e: {"count": counts[e], "hash": f"{sums[e]:016x}"} for e in sorted(counts)}


def differences(mine: dict[str, dict[str, object]], theirs: dict[str, dict[str, object]]) -> list[str]:
    """The tables on which the two digests disagree."""
    empty = {"count": 0, "hash": f"{0:016x}"}
    return sorted(t for t in set(mine) | set(theirs) if mine.get(t, empty) != theirs.get(t, empty))
