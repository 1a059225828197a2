"""Notices of shapes the seeds do not have: an old henkilötietolaki 10 § rekisteriseloste
of an association, and a generator-made two-column table (written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registers.importing.propose import NothingRecognised, propose
from registers.importing.read import read_upload
from registers.models import Controller
from tests.factories import ControllerFactory

NOTICES = Path(__file__).resolve().parent / "notices"


def _proposal(name: str):
    controller = ControllerFactory()
    text = read_upload(name, (NOTICES / name).read_bytes())
    return propose(text, controller, origin=name, origin_kind="file")


def _values(proposal, kind: str, key: str) -> list:
    return [item.values[key] for item in proposal.items if item.kind == kind]


def _fields(proposal, kind: str) -> dict:
    return {
        item.values["field"]: item.values["value"] for item in proposal.items if item.kind == kind
    }


@pytest.mark.django_db
def test_an_old_rekisteriseloste_of_an_association() -> None:
    proposal = _proposal("jasenrekisteri-henkilotietolaki.txt")
    controller = _fields(proposal, "controller")
    assert controller["name"] == "Kotikylän Kyläyhdistys ry"
    assert controller["contact_name"] == "Maija Meikäläinen"
    assert controller["rights_instructions"].startswith("Tarkastuspyyntö")
    assert _fields(proposal, "register_field")["name"] == "Kyläyhdistyksen jäsenrekisteri"
    assert _fields(proposal, "notice_field")["drafted_on"] == "2015-03-12"
    purposes = [item.values for item in proposal.items if item.kind == "purpose"]
    assert [p["description"] for p in purposes] == [
        "Yhdistyksen jäsenyyden hoitaminen",
        "Jäsenmaksujen perintä",
        "Jäsentiedotteiden lähettäminen",
    ]
    # "Käsittely perustuu yhdistyslakiin (503/1989)": the law is named, so is the basis.
    assert {p["legal_basis"] for p in purposes} == {"legal_obligation"}
    assert {p["law_reference"] for p in purposes} == {"yhdistyslaki (503/1989)"}
    assert _values(proposal, "data_category", "name") == [
        "Nimi",
        "Kotiosoite",
        "Sähköpostiosoite",
        "Puhelinnumero",
        "Liittymispäivä",
        "Jäsenmaksutiedot",
    ]
    register = _fields(proposal, "register_field")
    # "Tietoja ei luovuteta yhdistyksen ulkopuolelle" is about recipients, not transfers.
    assert register["recipients_statement"] == "none"
    assert register["transfers_statement"] == "none"
    assert _values(proposal, "security_measure", "material") == ["manual", "electronic"]
    (rule,) = [item.values for item in proposal.items if item.kind == "retention_rule"]
    assert (rule["period"], rule["period_unit"], rule["starts_from"]) == (
        2,
        "years",
        "jäsenyyden päättymisestä",
    )


@pytest.mark.django_db
def test_a_generator_made_table() -> None:
    proposal = _proposal("taulukko-generaattori.txt")
    controller = _fields(proposal, "controller")
    assert controller["name"] == "Parturi Kampaamo Hius Oy"
    assert (controller["street_address"], controller["postal_code"], controller["city"]) == (
        "Kauppakatu 1",
        "33100",
        "Tampere",
    )
    assert controller["contact_email"] == "liisa@hius.fi"
    (purpose,) = [item.values for item in proposal.items if item.kind == "purpose"]
    assert purpose["description"] == "Ajanvarausten hallinta ja asiakassuhteen hoito"
    assert purpose["legal_basis"] == "contract"
    assert _values(proposal, "data_category", "name") == [
        "Nimi",
        "Puhelinnumero",
        "Sähköposti",
        "Varaushistoria",
    ]
    (recipient,) = [item.values for item in proposal.items if item.kind == "recipient"]
    assert (recipient["name"], recipient["role"]) == (
        "Ajanvarausjärjestelmän toimittaja Timma Oy",
        "processor",
    )
    (rule,) = [item.values for item in proposal.items if item.kind == "retention_rule"]
    assert (rule["period"], rule["starts_from"]) == (3, "viimeisestä käynnistä")
    assert proposal.unplaced() == []


@pytest.mark.parametrize(
    "text",
    [
        "Tervetuloa kesäjuhliin! Juhlat alkavat kello 18 ja päättyvät puoliltaöin.",
        "Ostoslista\nmaito, leipä, juusto\nkahvi",
    ],
)
def test_a_text_with_no_sections_of_a_notice_is_refused(text: str) -> None:
    with pytest.raises(NothingRecognised) as refused:
        propose(text, Controller(name="X", slug="x"), origin="x.txt", origin_kind="paste")
    assert "tietosuojaselosteen kohtia" in refused.value.message


@pytest.mark.django_db
def test_a_text_of_thousands_of_list_items_is_refused_with_a_finnish_message() -> None:
    from registers.importing.read import UnreadableFile

    text = "1. Rekisterinpitäjä\nEsimerkki Oy\n2. Rekisterin tietosisältö\n" + "\n".join(
        f"• Tieto {number}" for number in range(5000)
    )
    with pytest.raises(UnreadableFile) as refused:
        propose(text, ControllerFactory(), origin="pitka.txt", origin_kind="paste")
    assert "Tuo seloste osissa" in refused.value.message
