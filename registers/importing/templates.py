"""Register templates: a typical register to start from instead of a blank page.

Each template is a data file, ``templates/<key>.json``, that maps one to one onto
:class:`~registers.importing.proposal.Proposal` items::

    {
      "key": "asiakasrekisteri",
      "title": "Asiakasrekisteri",
      "summary": "<one Finnish sentence for the picker>",
      "register": {"<Register field>": <value>, ...},
      "items": [{"kind": "<proposal kind>", "values": {...}, "notes": ["..."]}, ...]
    }

``register`` becomes one ``register_field`` item per field; each entry of ``items``
becomes one item of its kind. Keys starting with an underscore (``"_verified"``: the
pages a legal citation was checked against) are comments for maintainers and are
not read. A template becomes a proposal like an imported notice does and goes
through the same review page, so nothing of it is saved before the officer accepts.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from registers.importing.library import match_existing, normalised
from registers.importing.proposal import KINDS, REGISTER_FIELDS, Item, Proposal
from registers.models import Controller, Register

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

# The keys a template file must have, and those an item may have.
TEMPLATE_KEYS = frozenset({"key", "title", "summary", "register", "items"})
ITEM_KEYS = frozenset({"kind", "values", "notes"})
# The kinds of a template's items: the parts of one register ("register_field" items
# come from the file's "register" object).
TEMPLATE_KINDS = frozenset(
    kind for kind, (level, _) in KINDS.items() if level == "register" and kind != "register_field"
)


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    summary: str


def available_templates() -> list[Template]:
    """The templates for the picker, sorted by title."""
    return [
        Template(key=data["key"], title=data["title"], summary=data["summary"])
        for data in sorted(_templates().values(), key=lambda data: data["title"].casefold())
    ]


def template_proposal(key: str, controller: Controller) -> Proposal:
    """The template ``key`` as a proposal of one register for ``controller``.

    Library items that the organisation already has are ticked (``existing``), and
    the register's name gets a number if the organisation already uses it.
    Raises LookupError for an unknown key.
    """
    try:
        data = _templates()[key]
    except KeyError:
        raise LookupError(f"No register template {key!r}.") from None
    data = copy.deepcopy(data)  # the proposal is edited; the cached data must not be
    register_values = {"name": data["title"], **data["register"]}
    register_values["name"] = free_register_name(controller, str(register_values["name"]))
    items = [
        Item(
            key=f"t.register_field.{field}",
            kind="register_field",
            values={"field": field, "value": value},
            register=0,
        )
        for field, value in register_values.items()
    ]
    counts: dict[str, int] = {}
    for entry in data["items"]:
        kind = entry["kind"]
        index = counts.get(kind, 0)
        counts[kind] = index + 1
        items.append(
            Item(
                key=f"t.{kind}.{index}",
                kind=kind,
                values=entry["values"],
                register=0,
                notes=list(entry.get("notes", [])),
            )
        )
    proposal = Proposal(origin=data["title"], origin_kind="template", register_count=1, items=items)
    match_existing(controller, proposal)
    return proposal


def free_register_name(controller: Controller, name: str) -> str:
    """``name``, or ``name (2)``, ``name (3)``… if the controller already has it.

    Names are compared as the library's are (case and whitespace aside): two
    registers whose names differ only in case would confuse the officer as much.
    """
    taken = {
        normalised(existing)
        for existing in Register.objects.filter(controller=controller).values_list(
            "name", flat=True
        )
    }
    candidate, number = name, 1
    while normalised(candidate) in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


@cache
def _templates() -> dict[str, dict[str, Any]]:
    """Every template file, read and checked once per process, by key."""
    templates: dict[str, dict[str, Any]] = {}
    for path in sorted(TEMPLATE_DIR.glob("*.json")):
        data = load_template_file(path)
        if data["key"] in templates:
            raise ValueError(f"{path.name}: the key {data['key']!r} is used twice.")
        templates[data["key"]] = data
    return templates


def load_template_file(path: Path) -> dict[str, Any]:
    """One template file without its comment keys; ValueError if its shape is wrong.

    Only the shape is checked here; tests/registers/importing/test_templates.py
    checks every value against the models.
    """
    with path.open(encoding="utf-8") as file:
        raw = json.load(file)
    data = {key: value for key, value in raw.items() if not key.startswith("_")}
    if set(data) != TEMPLATE_KEYS:
        raise ValueError(f"{path.name}: keys {sorted(data)}, expected {sorted(TEMPLATE_KEYS)}.")
    if path.stem != data["key"]:
        raise ValueError(f"{path.name}: the file is not named after its key {data['key']!r}.")
    unknown_fields = set(data["register"]) - set(REGISTER_FIELDS)
    if unknown_fields:
        raise ValueError(f"{path.name}: unknown register fields {sorted(unknown_fields)}.")
    for entry in data["items"]:
        entry_keys = {key for key in entry if not key.startswith("_")}
        if "kind" not in entry or not entry_keys <= ITEM_KEYS or "values" not in entry:
            raise ValueError(f"{path.name}: malformed item {entry!r}.")
        kind = entry["kind"]
        # A template proposes one register: never the organisation's own details.
        if kind not in TEMPLATE_KINDS:
            raise ValueError(f"{path.name}: a template cannot hold a {kind!r} item.")
        # ``existing`` is a pk of one organisation's library: match_existing sets it.
        unknown_values = set(entry["values"]) - (set(KINDS[kind][1]) - {"existing"})
        if unknown_values:
            raise ValueError(f"{path.name}: {kind} cannot hold {sorted(unknown_values)}.")
        for key in [key for key in entry if key.startswith("_")]:
            del entry[key]
    return data
