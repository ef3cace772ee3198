"""The API fuzzed against its own OpenAPI (schemathesis, in-process): every operation, with data that
fits the schema and data that does not, with an enrolled station's token and without one, answers
with a status, content type and body its schema declares, and never 5xx. Bounded and derandomized,
so a run is the same every time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import Engine

from server import admin
from server.api import create_app
from server.store import make_engine, upgrade
from server.vault import make_keys

EXAMPLES = 25
KEYS = make_keys()
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'server.db'}")
    upgrade(eng, KEYS)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def api(engine: Engine) -> Any:
    app = create_app(engine, KEYS)
    # From the app itself, not over HTTP: /openapi.json may need a token.
    schema = schemathesis.openapi.from_dict(app.openapi())
    schema.app = app
    return schema


@pytest.fixture(scope="module")
def token(engine: Engine) -> str:
    new = admin.add_station(engine, "观山湖区零工市场", "520100")
    return admin.enrol(engine, new.enrol_code, b"k" * 32, keys=KEYS).token


def _operations(api: Any) -> list[Any]:
    ops = [result.ok() for result in api.get_all_operations()]
    assert len(ops) >= 7  # health, enrol, push, pull, digest, look-up, stats (/metrics is Prometheus's, not in the map)
    return ops


def _fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str] | None) -> bool:
    """Whether any case could be made (an operation that takes nothing has no wrong input)."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:
        return False
    return True


# Operations whose input can be wrong, so that the negative run must reach them (any text is a
# look-up's id_key as far as the schema goes: the look-up checks it itself).
TAKES_INPUT = {
    "/api/v1/enrol",
    "/api/v1/sync/push",
    "/api/v1/sync/pull",
    "/api/v1/sync/digest",
}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_with_a_stations_token_never_answers_5xx(api: Any, token: str, mode: GenerationMode) -> None:
    fuzzed = {op.path for op in _operations(api) if _fuzz(op, mode, {"Authorization": f"Bearer {token}"})}
    assert fuzzed >= TAKES_INPUT


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_without_a_token_never_answers_5xx(api: Any, mode: GenerationMode) -> None:
    fuzzed = {op.path for op in _operations(api) if _fuzz(op, mode, None)}
    assert fuzzed >= TAKES_INPUT


def test_the_fuzzed_schema_is_the_apps_own(api: Any) -> None:
    paths = {op.path for op in _operations(api)}
    sync = {"/api/v1/sync/push", "/api/v1/sync/pull", "/api/v1/sync/digest"}
    assert {"/api/v1/enrol", "/api/v1/seekers/lookup", *sync} <= paths
