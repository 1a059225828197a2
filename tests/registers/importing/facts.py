"""Structured facts of an organisation's registers, and their comparison.

A fact is one thing a notice states: a purpose with its legal basis, a data
category of a register, a recipient with its role, a retention period. Two
organisations' facts are compared one to one: the kinds and the exact parts (a
basis, a role, a period) must be equal; texts must say the same, judged by the
word stems they share, so that "Markkinointi" matches the source's
"markkinointiin" but not "Asiakaspalvelu".

Which register a fact belongs to is part of the fact: registers are paired by
name first. Sources and security texts are facts of the organisation: a notice of
several registers usually states them once for all, and which register uses
which is not in its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privacy_notices.models import EarlierChange, PrivacyNotice
from registers.importing.proposal import Proposal
from registers.models import Controller, RightProcedure, SecurityMeasure, Source

# Contact people are real private persons in the seeds and fictional in the demo.
CONTROLLER_FIELDS = (
    "name",
    "business_id",
    "street_address",
    "postal_code",
    "city",
    "phone",
    "email",
    "website",
    "short_name",
    "rights_instructions",
)
REGISTER_TEXTS = (
    "description",
    "purposes_note",
    "consent_withdrawal",
    "recipients_note",
    "transfers_note",
    "cookies_note",
    "provision_consequences",
    "automated_decisions_description",
)
REGISTER_CHOICES = ("recipients_statement", "transfers_statement", "provision_requirement")
REGISTER_FLAGS = ("covers_website", "profiling", "automated_decisions")


@dataclass(frozen=True)
class Fact:
    kind: str
    register: str  # the register's name, "" for the organisation's own facts
    exact: tuple[str, ...]
    text: str

    def __str__(self) -> str:
        where = f"[{self.register}] " if self.register else ""
        return f"{where}{self.kind} {'/'.join(self.exact)}: {self.text[:90]}"


def facts_of(controller: Controller) -> list[Fact]:
    facts: list[Fact] = []

    def add(kind: str, register: str, exact: tuple[object, ...], text: object = "") -> None:
        facts.append(Fact(kind, register, tuple(str(part) for part in exact), str(text or "")))

    for name in CONTROLLER_FIELDS:
        value = getattr(controller, name)
        if value:
            add("controller", "", (name,), value)
    for procedure in RightProcedure.objects.filter(controller=controller):
        add("right", "", (procedure.right,), procedure.text)
    for source in Source.objects.filter(controller=controller):
        add("source", "", (source.origin or "-",), source.name)
        if source.is_public:
            add("public source", "", (), source.name)
    for measure in SecurityMeasure.objects.filter(controller=controller):
        add("security", "", (measure.material,), measure.text)
    notice = PrivacyNotice.objects.filter(controller=controller).order_by("pk").first()
    if notice is not None:
        for name in ("intro", "change_policy"):
            if getattr(notice, name):
                add("notice", "", (name,), getattr(notice, name))
        if notice.drafted_on:
            add("notice", "", ("drafted_on", notice.drafted_on.isoformat()))
        for change in EarlierChange.objects.filter(notice=notice):
            add("change", "", (change.date.isoformat(),))

    for register in controller.register_set.prefetch_related(
        "purposes",
        "data_subject_categories",
        "data_categories",
        "recipients",
        "transfers__recipient",
        "retention_rules",
        "cookies",
    ):
        name = register.name
        add("register", name, (), name)
        for text_field in REGISTER_TEXTS:
            if getattr(register, text_field):
                add("text", name, (text_field,), getattr(register, text_field))
        for choice in REGISTER_CHOICES:
            if getattr(register, choice):
                add("choice", name, (choice, getattr(register, choice)))
        for flag in REGISTER_FLAGS:
            if getattr(register, flag):
                add("flag", name, (flag,))
        for purpose in register.purposes.all():
            add("purpose", name, (), purpose.description)
            add("purpose basis", name, (purpose.legal_basis,), purpose.description)
            if purpose.legitimate_interest:
                add("legitimate interest", name, (), purpose.legitimate_interest)
        for subject in register.data_subject_categories.all():
            add("subject", name, (), subject.name)
        for category in register.data_categories.all():
            add("data", name, (category.kind,), category.name)
        for recipient in register.recipients.all():
            add("recipient", name, (recipient.role,), recipient.name)
        for transfer in register.transfers.all():
            add("transfer", name, (transfer.country, transfer.safeguard), transfer.recipient.name)
        for rule in register.retention_rules.all():
            if rule.criteria:
                add("retention", name, (), rule.criteria)
            if rule.period:
                add("retention period", name, (str(rule.period), rule.period_unit))
            if rule.starts_from:
                add("retention start", name, (), rule.starts_from)
        for cookie in register.cookies.all():
            add("cookie", name, (), f"{cookie.name} | {cookie.purpose}")
    return facts


def facts_of_proposal(proposal: Proposal) -> list[Fact]:
    """The facts of a proposal as the review page shows it, before the officer's choices.

    The same facts as ``facts_of`` gives for saved rows; a purpose whose basis the
    source leaves open is a purpose without a basis fact.
    """
    facts: list[Fact] = []

    def add(kind: str, register: str, exact: tuple[object, ...], text: object = "") -> None:
        facts.append(Fact(kind, register, tuple(str(part) for part in exact), str(text or "")))

    names = {index: proposal.register_name(index) for index in range(proposal.register_count)}
    library: dict[tuple[str, str], bool] = {}
    for item in proposal.items:
        values = item.values
        register = names.get(item.register, "") if item.register is not None else ""
        if item.kind == "controller" and values["field"] in CONTROLLER_FIELDS:
            add("controller", "", (values["field"],), values["value"])
        elif item.kind == "right_procedure":
            add("right", "", (values["right"],), values["text"])
        elif item.kind == "source":
            key = ("source", values["name"].casefold())
            if key not in library:
                library[key] = True
                add("source", "", (values["origin"] or "-",), values["name"])
                if values["is_public"]:
                    add("public source", "", (), values["name"])
        elif item.kind == "security_measure":
            key = ("security", values["text"].casefold())
            if key not in library:
                library[key] = True
                add("security", "", (values["material"],), values["text"])
        elif item.kind == "notice_field":
            if values["field"] == "drafted_on":
                add("notice", "", ("drafted_on", values["value"]))
            else:
                add("notice", "", (values["field"],), values["value"])
        elif item.kind == "earlier_change":
            add("change", "", (values["date"],))
        elif item.kind == "register_field":
            field_name, value = values["field"], values["value"]
            if field_name == "name":
                add("register", register, (), value)
            elif field_name in REGISTER_TEXTS and value:
                add("text", register, (field_name,), value)
            elif field_name in REGISTER_CHOICES and value:
                add("choice", register, (field_name, value))
            elif field_name in REGISTER_FLAGS and value:
                add("flag", register, (field_name,))
        elif item.kind == "purpose":
            add("purpose", register, (), values["description"])
            if values["legal_basis"]:
                add("purpose basis", register, (values["legal_basis"],), values["description"])
            if values["legitimate_interest"]:
                add("legitimate interest", register, (), values["legitimate_interest"])
        elif item.kind == "data_subject_category":
            add("subject", register, (), values["name"])
        elif item.kind == "data_category":
            add("data", register, (values["kind"],), values["name"])
        elif item.kind == "recipient":
            add("recipient", register, (values["role"],), values["name"])
        elif item.kind == "transfer":
            add("transfer", register, (values["country"], values["safeguard"]), values["recipient"])
        elif item.kind == "retention_rule":
            if values["criteria"]:
                add("retention", register, (), values["criteria"])
            if values["period"]:
                add("retention period", register, (str(values["period"]), values["period_unit"]))
            if values["starts_from"]:
                add("retention start", register, (), values["starts_from"])
        elif item.kind == "cookie":
            add("cookie", register, (), f"{values['name']} | {values['purpose']}")
    return facts


def _stems(text: str) -> set[str]:
    return {word[:4] for word in re.findall(r"[a-zåäö0-9]+", text.lower()) if len(word) >= 3}


def similarity(first: str, second: str) -> float:
    """How nearly two texts say the same: 1.0 for the same words, 0.0 for none shared."""
    a, b = _stems(first), _stems(second)
    if not a or not b:
        return 1.0 if first.strip().lower() == second.strip().lower() else 0.0
    shared = len(a & b)
    # Most of the shorter text's words, and a fair part of the longer one's.
    if shared / min(len(a), len(b)) < 0.6 or shared / max(len(a), len(b)) < 0.2:
        return 0.0
    return shared / max(len(a), len(b))


@dataclass
class Comparison:
    expected: list[Fact]
    actual: list[Fact]
    matched: list[tuple[Fact, Fact]] = field(default_factory=list)
    missed: list[Fact] = field(default_factory=list)
    extra: list[Fact] = field(default_factory=list)
    # Facts of the hand-made data that the source does not state (what the demo
    # added because the GDPR requires it): no importer can find them.
    not_in_source: list[Fact] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return len(self.matched) / len(self.actual) if self.actual else 0.0

    @property
    def recall(self) -> float:
        return len(self.matched) / len(self.expected) if self.expected else 0.0

    def report(self) -> str:
        lines = [
            f"precision {self.precision:.2f} ({len(self.matched)}/{len(self.actual)}), "
            f"recall {self.recall:.2f} ({len(self.matched)}/{len(self.expected)})",
            "missed:",
            *(f"  {fact}" for fact in self.missed),
            "extra:",
            *(f"  {fact}" for fact in self.extra),
            "not in the source (left out):",
            *(f"  {fact}" for fact in self.not_in_source),
        ]
        return "\n".join(lines)


def _pair_registers(expected: list[Fact], actual: list[Fact]) -> dict[str, str]:
    """Actual register name -> expected register name, most similar names first."""
    wanted = [fact.text for fact in expected if fact.kind == "register"]
    found = [fact.text for fact in actual if fact.kind == "register"]
    if len(wanted) == 1 and len(found) == 1:
        return {found[0]: wanted[0]}
    pairs = sorted(
        ((similarity(a, b), a, b) for a in found for b in wanted),
        key=lambda pair: -pair[0],
    )
    mapping: dict[str, str] = {}
    for score, a, b in pairs:
        if score > 0 and a not in mapping and b not in mapping.values():
            mapping[a] = b
    return mapping


def compare(expected: list[Fact], actual: list[Fact], *, added: frozenset[str]) -> Comparison:
    """Compare; ``added`` are texts the hand-made data added that the source lacks."""
    comparison = Comparison(expected=[], actual=[])
    for fact in expected:
        if fact.text in added or f"{fact.kind}:{'/'.join(fact.exact)}" in added:
            comparison.not_in_source.append(fact)
        else:
            comparison.expected.append(fact)
    mapping = _pair_registers(comparison.expected, actual)
    comparison.actual = [
        Fact(fact.kind, mapping.get(fact.register, fact.register), fact.exact, fact.text)
        for fact in actual
    ]
    unmatched = list(comparison.actual)
    for fact in comparison.expected:
        candidates = [
            (similarity(fact.text, other.text) if fact.text or other.text else 1.0, index)
            for index, other in enumerate(unmatched)
            if other.kind == fact.kind
            and other.register == fact.register
            and other.exact == fact.exact
        ]
        candidates = [candidate for candidate in candidates if candidate[0] > 0]
        if candidates:
            _score, index = max(candidates)
            comparison.matched.append((fact, unmatched.pop(index)))
        else:
            comparison.missed.append(fact)
    comparison.extra = unmatched
    return comparison
