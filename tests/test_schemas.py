import json
from pathlib import Path

import pytest

from briefgen.schemas import KINDS, json_schema, render, undescribed

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.mark.parametrize("kind", KINDS)
def test_published_schema_is_current(kind: str) -> None:
    path = SCHEMAS / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == render(kind), (
        f"{path} is out of date; run: briefgen schema -o schemas")


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_description(kind: str) -> None:
    assert undescribed(json_schema(kind)) == []


def test_brief_schema_forbids_unknown_keys() -> None:
    schema = json.loads(render("brief"))
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Block"]["maxProperties"] == 1
