"""Register templates (issue 13): the data files, the proposals made of them, the
reuse of the organisation's library and the legal citations they make."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import models

from registers.importing.library import LIBRARY_MODELS, match_existing
from registers.importing.proposal import KINDS, REGISTER_FIELDS, Item, Proposal
from registers.importing.templates import (
    TEMPLATE_DIR,
    available_templates,
    load_template_file,
    template_proposal,
)
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataCategoryKind,
    DataSubjectCategory,
    LegalBasis,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Source,
)
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    RecipientFactory,
    RegisterFactory,
    SecurityMeasureFactory,
    SourceFactory,
)

TEMPLATE_FILES = sorted(TEMPLATE_DIR.glob("*.json"))

# Every citation of Finnish law the templates make, each checked before it was
# written (the pages are listed in each file's "_verified"). A citation not listed
# here fails test_every_cited_law_was_verified: check it, then add it.
VERIFIED_CITATIONS = {
    # Kirjanpitolaki: tilinpäätös and kirjanpidot 10 years from the end of the
    # financial year, tositteet 6 years from the end of the year it ended in.
    "1336/1997",
    "1336/1997 2 luku 10 §",
    # Työsopimuslaki: a work certificate can be asked within 10 years.
    "55/2001 6 luku 7 §",
    # Laki yksityisyyden suojasta työelämässä: 3 § only necessary data, 5 § health.
    "759/2004",
    "759/2004 3 §",
    "759/2004 5 §",
    # Laki sähköisen viestinnän palveluista: 205 § cookies need consent unless
    # strictly necessary.
    "917/2014",
    "917/2014 205 §",
    # Yhdenvertaisuuslaki: a recruitment discrimination claim within one year.
    "1325/2014",
    # Laki tulotietojärjestelmästä, työaikalaki (32 § working time records),
    # työterveyshuoltolaki, tietosuojalaki.
    "53/2018",
    "872/2019",
    "872/2019 32 §",
    "1383/2001",
    "1050/2018",
}

# "(1336/1997) 2 luku 10 §", "(55/2001) 6 luku 7 §", "(917/2014) 205 §", "(53/2018)"
CITATION = re.compile(
    r"\((?P<number>\d+/\d{4})\)(?:\s+(?P<chapter>\d+)\s+lu(?:ku|vun))?(?:\s+(?P<section>\d+)\s*§)?"
)

# The model fields whose values are choices, by kind.
CHOICE_FIELDS: dict[str, dict[str, type[models.Model]]] = {
    "purpose": {"legal_basis": Purpose},
    "data_category": {"kind": DataCategory, "special_condition": DataCategory},
    "source": {"origin": Source},
    "recipient": {"role": Recipient},
    "security_measure": {"material": SecurityMeasure},
    "retention_rule": {"period_unit": RetentionRule},
}
REGISTER_CHOICE_FIELDS = ("recipients_statement", "transfers_statement", "provision_requirement")

# The model each register-level kind becomes; library kinds belong to the controller.
ROW_MODELS: dict[str, type[models.Model]] = {
    "purpose": Purpose,
    "data_subject_category": DataSubjectCategory,
    "data_category": DataCategory,
    "source": Source,
    "recipient": Recipient,
    "security_measure": SecurityMeasure,
    "retention_rule": RetentionRule,
    "cookie": Cookie,
}


def template_data() -> list[Any]:
    return [pytest.param(load_template_file(path), id=path.stem) for path in TEMPLATE_FILES]


def choices(model: type[models.Model], field: str) -> set[str]:
    return {value for value, _ in model._meta.get_field(field).choices}


def texts(value: Any) -> Iterator[str]:
    """Every string in a template's data, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def test_there_are_at_least_the_seven_templates_of_issue_13() -> None:
    keys = {template.key for template in available_templates()}

    assert {
        "asiakasrekisteri",
        "markkinointirekisteri",
        "tyonhakijarekisteri",
        "henkilostorekisteri",
        "kameravalvonta",
        "evasteet-ja-analytiikka",
        "sidosryhmarekisteri",
    } <= keys


def test_available_templates_are_sorted_by_title() -> None:
    titles = [template.title for template in available_templates()]

    assert titles == sorted(titles, key=str.casefold)
    assert len(titles) == len(TEMPLATE_FILES)


@pytest.mark.parametrize("data", template_data())
def test_a_template_file_has_the_required_keys_and_proposal_kinds(data: dict[str, Any]) -> None:
    assert set(data) == {"key", "title", "summary", "register", "items"}
    assert data["title"].strip() and data["summary"].strip()
    assert data["register"]["name"].strip()
    assert set(data["register"]) <= set(REGISTER_FIELDS)
    for entry in data["items"]:
        assert set(entry) <= {"kind", "values", "notes"}
        assert entry["kind"] in KINDS
        assert KINDS[entry["kind"]][0] == "register"
        assert set(entry["values"]) <= set(KINDS[entry["kind"]][1]) - {"existing"}
        assert all(isinstance(note, str) and note.strip() for note in entry.get("notes", []))


@pytest.mark.parametrize("data", template_data())
def test_every_choice_in_a_template_is_a_choice_of_the_model(data: dict[str, Any]) -> None:
    for field in REGISTER_CHOICE_FIELDS:
        if field in data["register"]:
            assert data["register"][field] in choices(Register, field), field
    for entry in data["items"]:
        for field, model in CHOICE_FIELDS.get(entry["kind"], {}).items():
            if field in entry["values"]:
                assert entry["values"][field] in choices(model, field), (entry["kind"], field)


@pytest.mark.django_db
@pytest.mark.parametrize("data", template_data())
def test_every_row_of_a_template_passes_model_validation(data: dict[str, Any]) -> None:
    controller = ControllerFactory()
    register = Register(controller=controller, **data["register"])
    register.full_clean()
    for entry in data["items"]:
        model = ROW_MODELS[entry["kind"]]
        if entry["kind"] in LIBRARY_MODELS:
            row = model(controller=controller, **entry["values"])
            row.full_clean()
        else:
            # The register is unsaved: its foreign key is the one thing not checked.
            row = model(**entry["values"])
            row.full_clean(exclude=["register"])


@pytest.mark.parametrize("data", template_data())
def test_a_template_states_the_facts_the_law_asks_for(data: dict[str, Any]) -> None:
    purposes = [entry["values"] for entry in data["items"] if entry["kind"] == "purpose"]
    assert purposes
    for purpose in purposes:
        # GDPR Art. 13(1)(d) and 6(3).
        if purpose["legal_basis"] == LegalBasis.LEGITIMATE_INTERESTS:
            assert purpose.get("legitimate_interest", "").strip()
        if purpose["legal_basis"] == LegalBasis.LEGAL_OBLIGATION:
            assert purpose.get("law_reference", "").strip()
    # GDPR Art. 13(2)(a): every retention rule gives a period or its criteria.
    rules = [entry["values"] for entry in data["items"] if entry["kind"] == "retention_rule"]
    assert rules
    for rule in rules:
        assert (rule.get("period") and rule.get("period_unit")) or rule.get("criteria", "").strip()
    for entry in data["items"]:
        if entry["kind"] == "data_category" and entry["values"].get("kind") == "special":
            assert entry["values"].get("special_condition")
    if data["register"].get("consent_withdrawal") is None:
        assert LegalBasis.CONSENT not in {purpose["legal_basis"] for purpose in purposes}


@pytest.mark.parametrize(
    "entry",
    [
        {"kind": "controller", "values": {"field": "name", "value": "Toinen Oy"}},
        {"kind": "purpose", "values": {"description": "x", "existing": 1}},
        {"kind": "purpose", "values": {"description": "x", "colour": "punainen"}},
        {"kind": "tuntematon", "values": {}},
    ],
)
def test_a_template_file_of_the_wrong_shape_is_refused(tmp_path: Path, entry: Any) -> None:
    path = tmp_path / "huono.json"
    data = {"key": "huono", "title": "Huono", "summary": "x", "register": {}, "items": [entry]}
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ValueError):
        load_template_file(path)


def test_the_website_template_lists_its_cookies() -> None:
    data = load_template_file(TEMPLATE_DIR / "evasteet-ja-analytiikka.json")
    cookies = [entry["values"] for entry in data["items"] if entry["kind"] == "cookie"]

    assert data["register"]["covers_website"] is True
    assert {cookie["purpose"] for cookie in cookies} == {"Välttämättömät", "Analytiikka"}
    analytics = next(cookie for cookie in cookies if cookie["purpose"] == "Analytiikka")
    assert analytics["provider"] == "Google Ireland Limited"


def test_the_staff_template_marks_the_identity_code_and_health_data() -> None:
    data = load_template_file(TEMPLATE_DIR / "henkilostorekisteri.json")
    categories = {
        entry["values"]["name"]: entry["values"]
        for entry in data["items"]
        if entry["kind"] == "data_category"
    }

    assert categories["Henkilötunnus"]["kind"] == DataCategoryKind.IDENTITY_CODE
    health = categories["Terveydentilaa koskevat tiedot"]
    assert health["kind"] == DataCategoryKind.SPECIAL
    assert health["special_condition"] == "b"
    assert "(759/2004) 5 §" in health["law_reference"]


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=[path.stem for path in TEMPLATE_FILES])
def test_every_cited_law_was_verified(path: Path) -> None:
    data = load_template_file(path)
    for text in texts(data):
        found = list(CITATION.finditer(text))
        for match in found:
            citation = match["number"]
            if match["chapter"]:
                citation += f" {match['chapter']} luku"
            if match["section"]:
                citation += f" {match['section']} §"
            assert citation in VERIFIED_CITATIONS, f"unverified citation {citation!r}: {text}"
        # A section cited in any other form ("tasa-arvolain 12 §") escapes the list.
        assert text.count("§") == sum(1 for match in found if match["section"]), text
        assert len(re.findall(r"\d+/\d{4}", text)) == len(found), text


# --- The proposal ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_template_becomes_a_proposal_of_one_register() -> None:
    controller = ControllerFactory()

    proposal = template_proposal("asiakasrekisteri", controller)

    assert proposal.origin == "Asiakasrekisteri"
    assert proposal.origin_kind == "template"
    assert proposal.register_count == 1
    assert proposal.passages == []
    assert proposal.register_name(0) == "Asiakasrekisteri"
    assert all(item.register == 0 for item in proposal.items)
    keys = [item.key for item in proposal.items]
    assert len(keys) == len(set(keys))
    assert "t.purpose.0" in keys and "t.register_field.name" in keys
    # The proposal survives the review's round trip through JSON.
    assert Proposal.from_json(proposal.to_json()) == proposal


@pytest.mark.django_db
def test_every_template_becomes_a_proposal() -> None:
    controller = ControllerFactory()

    for template in available_templates():
        proposal = template_proposal(template.key, controller)
        assert proposal.register_name(0)
        assert all(item.kind in KINDS for item in proposal.items)


@pytest.mark.django_db
def test_an_unknown_template_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        template_proposal("ei-ole", ControllerFactory())


@pytest.mark.django_db
def test_editing_a_proposal_leaves_the_template_as_it_was() -> None:
    controller = ControllerFactory()
    first = template_proposal("asiakasrekisteri", controller)
    first.items[-1].values["criteria"] = "muokattu"

    second = template_proposal("asiakasrekisteri", controller)

    assert second.items[-1].values["criteria"] != "muokattu"


@pytest.mark.django_db
def test_the_organisations_library_items_are_reused() -> None:
    controller = ControllerFactory()
    name = DataCategoryFactory(controller=controller, name="nimi")
    email = DataCategoryFactory(controller=controller, name="Sähköpostiosoite")
    source = SourceFactory(controller=controller, name="REKISTERÖITY  ITSE")
    recipient = RecipientFactory(controller=controller, name="Tilitoimisto")
    measure = SecurityMeasureFactory(controller=controller, title="Tekninen tietoturva")

    proposal = template_proposal("asiakasrekisteri", controller)

    existing = {
        (item.kind, item.values.get("name") or item.values.get("title")): item.values.get(
            "existing"
        )
        for item in proposal.items
    }
    assert existing[("data_category", "Nimi")] == name.pk
    assert existing[("data_category", "Sähköpostiosoite")] == email.pk
    assert existing[("source", "Rekisteröity itse")] == source.pk
    assert existing[("recipient", "Tilitoimisto")] == recipient.pk
    assert existing[("security_measure", "Tekninen tietoturva")] == measure.pk
    assert existing[("data_category", "Puhelinnumero")] is None


@pytest.mark.django_db
def test_another_organisations_library_is_never_reused() -> None:
    controller = ControllerFactory()
    DataCategoryFactory(controller=ControllerFactory(), name="Nimi")
    SecurityMeasureFactory(controller=ControllerFactory(), title="Tekninen tietoturva")

    proposal = template_proposal("asiakasrekisteri", controller)

    library_items = [item for item in proposal.items if item.kind in LIBRARY_MODELS]
    assert library_items
    assert all("existing" not in item.values for item in library_items)


@pytest.mark.django_db
def test_match_existing_keeps_an_existing_the_officer_chose() -> None:
    controller: Controller = ControllerFactory()
    DataCategoryFactory(controller=controller, name="Nimi")
    chosen = DataCategoryFactory(controller=controller, name="Etu- ja sukunimi")
    item = Item(
        key="i.0", kind="data_category", values={"name": "Nimi", "existing": chosen.pk}, register=0
    )
    proposal = Proposal(origin="x", origin_kind="paste", register_count=1, items=[item])

    match_existing(controller, proposal)

    assert item.values["existing"] == chosen.pk


@pytest.mark.django_db
def test_a_register_name_in_use_gets_a_number() -> None:
    controller = ControllerFactory()
    RegisterFactory(controller=controller, name="Asiakasrekisteri")

    assert template_proposal("asiakasrekisteri", controller).register_name(0) == (
        "Asiakasrekisteri (2)"
    )

    RegisterFactory(controller=controller, name="asiakasrekisteri (2)")

    assert template_proposal("asiakasrekisteri", controller).register_name(0) == (
        "Asiakasrekisteri (3)"
    )


@pytest.mark.django_db
def test_another_organisations_register_name_does_not_clash() -> None:
    RegisterFactory(controller=ControllerFactory(), name="Asiakasrekisteri")

    proposal = template_proposal("asiakasrekisteri", ControllerFactory())

    assert proposal.register_name(0) == "Asiakasrekisteri"
