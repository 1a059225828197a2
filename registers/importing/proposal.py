"""The proposal: what the importer (or a template) suggests, before the officer reviews it.

One shape for every way in: an uploaded notice (``read`` → ``propose``), a pasted
text and a register template all become a :class:`Proposal`; the review page
edits it; ``apply`` turns the accepted items into rows. It is plain JSON so that
the review can keep it between requests (``ImportDraft.proposal``).

A proposal holds:

- ``passages``: the source cut into passages (sentences, list items, table
  rows), each with the heading it stood under. Every passage is either used by
  an item or listed as unplaced: nothing of the source is silently dropped.
- ``registers``: how many registers the source describes; items refer to them
  by index.
- ``items``: one proposed value each, with the passages it came from. ``kind``
  says what it becomes (see ``KINDS``); ``values`` holds model field values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# kind -> (level, the model fields its ``values`` may hold)
# level "controller": the organisation's own details; "register": a row or a field of
# the register with index ``Item.register``; "notice": the notice's own texts, applied
# by the app that owns notices (``apply.NOTICE_APPLIERS``).
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # values {"field": <Controller field>, "value": str}
    "controller": ("controller", ("field", "value")),
    # values {"right": DataSubjectRight, "text": str}
    "right_procedure": ("controller", ("right", "text")),
    # values {"field": <Register field>, "value": str | bool}
    "register_field": ("register", ("field", "value")),
    "purpose": ("register", ("description", "legal_basis", "legitimate_interest", "law_reference")),
    "data_subject_category": ("register", ("name", "description")),
    # Library items: ``values["existing"]`` is the pk of the organisation's own item of
    # the same meaning, ticked instead of creating a duplicate.
    "data_category": (
        "register",
        ("name", "description", "kind", "special_condition", "law_reference", "existing"),
    ),
    "source": ("register", ("name", "description", "origin", "is_public", "existing")),
    "recipient": ("register", ("name", "role", "description", "country", "existing")),
    "security_measure": ("register", ("title", "material", "text", "existing")),
    # values["recipient"] is the name of a recipient item of the same register.
    "transfer": ("register", ("recipient", "country", "safeguard", "safeguard_details")),
    "retention_rule": ("register", ("period", "period_unit", "starts_from", "criteria")),
    "cookie": (
        "register",
        ("name", "purpose", "provider", "duration", "description", "opt_out", "opt_out_url"),
    ),
    # values {"field": "intro" | "change_policy" | "drafted_on", "value": str}
    "notice_field": ("notice", ("field", "value")),
    # values {"date": "YYYY-MM-DD", "text": str}
    "earlier_change": ("notice", ("date", "text")),
}

LIBRARY_KINDS = ("data_category", "source", "recipient", "security_measure")

# Register fields a ``register_field`` item may set.
REGISTER_FIELDS = (
    "name",
    "description",
    "purposes_note",
    "consent_withdrawal",
    "informing_timing",
    "recipients_statement",
    "recipients_note",
    "transfers_statement",
    "transfers_note",
    "automated_decisions",
    "profiling",
    "automated_decisions_description",
    "automated_decision_exception",
    "provision_requirement",
    "provision_consequences",
    "covers_website",
    "cookies_note",
)

# Controller fields a ``controller`` item may set.
CONTROLLER_FIELDS = (
    "name",
    "business_id",
    "street_address",
    "postal_code",
    "city",
    "country",
    "phone",
    "email",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "dpo_name",
    "dpo_email",
    "dpo_phone",
    "rights_instructions",
)


@dataclass
class Passage:
    id: int
    text: str
    # The heading of the section the passage stood under.
    heading: str = ""
    # "heading" for a section heading: its meaning is the proposal's structure, so it
    # is never listed as unplaced.
    role: str = ""
    # A Finnish remark shown with an unplaced passage, e.g. that Seloste writes the
    # rights itself.
    hint: str = ""


@dataclass
class Item:
    key: str
    kind: str
    values: dict[str, Any]
    passages: list[int] = field(default_factory=list)
    register: int | None = None
    # Finnish remarks for the officer, e.g. that the text names no legal basis.
    notes: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        return KINDS[self.kind][0]


@dataclass
class Proposal:
    origin: str
    # "file", "paste" or "template"
    origin_kind: str
    passages: list[Passage] = field(default_factory=list)
    register_count: int = 0
    items: list[Item] = field(default_factory=list)

    def used_passages(self) -> set[int]:
        return {passage for item in self.items for passage in item.passages}

    def unplaced(self) -> list[Passage]:
        used = self.used_passages()
        return [
            passage
            for passage in self.passages
            if passage.id not in used and passage.role != "heading"
        ]

    def items_of(self, register: int | None, kind: str | None = None) -> list[Item]:
        return [
            item
            for item in self.items
            if item.register == register and (kind is None or item.kind == kind)
        ]

    def register_name(self, register: int) -> str:
        for item in self.items_of(register, "register_field"):
            if item.values.get("field") == "name":
                return str(item.values.get("value", ""))
        return ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proposal:
        return cls(
            origin=data["origin"],
            origin_kind=data["origin_kind"],
            passages=[Passage(**passage) for passage in data.get("passages", [])],
            register_count=data.get("register_count", 0),
            items=[Item(**item) for item in data.get("items", [])],
        )
