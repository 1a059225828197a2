"""Invisible characters in free texts: removed by the form, refused by the model.

A right-to-left override (U+202E) or a zero-width space makes a published name or
address read differently from what it is stored as.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from privacy_notices.forms import PublishForm
from privacy_notices.interchange import ImportRefused, export_organisation, import_organisation
from registers.models import (
    Controller,
    Register,
    SecurityMeasure,
)
from tests.editor import register_post_data

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"
RLO = "\u202e"  # right-to-left override: "Oy\u202eabc" shows as "Oycba"
REFUSED_RLO = (
    "Tekstissä on näkymätön ohjausmerkki U+202E (oikealta vasemmalle -ohjaus). "
    "Poista se: kirjoita kohta uudelleen tai liitä teksti muotoilemattomana."
)
REFUSED_ZWSP = (
    "Tekstissä on näkymätön ohjausmerkki U+200B (nollalevyinen välilyönti). "
    "Poista se: kirjoita kohta uudelleen tai liitä teksti muotoilemattomana."
)
# What Finnish and Swedish texts are made of, the no-break space (Zs) included.
ORDINARY = "Åbo Akademi – ”Östra” ’Ä’ — 5\u00a0€ § 12 “ö”"
# A paragraph as a word processor pastes it: a byte order mark, zero-width and
# bidirectional characters, a soft hyphen, CRLF and Unicode line separators.
PASTED = (
    "\ufeffTietoja\u200b käsitellään\u00a0– “Åbo Akademi”\u00ad ’ € §\u2060 5.\r\n"
    "Toinen\u2028rivi\tsarake\u200e\u202e\u2066x\u2069\ue000"
)
CLEANED = "Tietoja käsitellään\u00a0– “Åbo Akademi” ’ € § 5.\nToinen\nrivi\tsarakex"


# --- Free texts -------------------------------------------------------------------------


def test_the_editor_removes_them_from_a_free_text(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register) | {"description": PASTED}
    client.force_login(officer)

    response = client.post(f"{ORG}/rekisterit/{register.pk}/", data)

    assert response.status_code == 302
    register.refresh_from_db()
    assert register.description == CLEANED


def test_the_admin_removes_them_from_a_free_text(
    client: Client, staff: User, organisation: Controller
) -> None:
    client.force_login(staff)
    response = client.post(
        "/admin/registers/securitymeasure/add/",
        {
            "controller": str(organisation.pk),
            "title": "Pääsynhallinta",
            "material": "general",
            "text": PASTED,
            "position": "0",
        },
    )
    assert response.status_code == 302
    assert SecurityMeasure.objects.get().text == CLEANED


def test_the_change_note_loses_them_before_publishing() -> None:
    form = PublishForm(data={"change_note": PASTED}, findings=[])
    assert form.is_valid()
    assert form.cleaned_data["change_note"] == CLEANED


def test_a_text_of_invisible_characters_only_is_empty() -> None:
    form = PublishForm(data={"change_note": "\u200b\u200b\u00ad"}, findings=[])
    assert not form.is_valid()
    assert form.errors["change_note"] == ["Tämä kenttä vaaditaan."]


def test_the_model_refuses_them_in_a_free_text_but_keeps_line_breaks_and_tabs(
    register: Register,
) -> None:
    register.description = "Ensimmäinen rivi\n\tsisennetty\r\n" + ORDINARY
    register.full_clean()
    register.description += "\u200b"
    with pytest.raises(ValidationError) as raised:
        register.full_clean()
    assert raised.value.message_dict["description"] == [REFUSED_ZWSP]


# --- The JSON import --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("registers", 0, "description"), f"registers[0].description: {REFUSED_RLO}"),
    ],
    ids=["free-text"],
)
def test_the_import_refuses_them_and_keeps_nothing(
    register: Register, path: tuple[Any, ...], expected: str
) -> None:
    document = export_organisation(register.controller)
    *parents, key = path
    row: Any = document
    for step in parents:
        row = row[step]
    row[key] = f"https://oma{RLO}yritys.fi/" if key == "website" else f"{row[key]}{RLO}"
    Controller.objects.all().delete()

    with pytest.raises(ImportRefused) as raised:
        import_organisation(document)

    assert expected in raised.value.errors
    assert not Controller.objects.exists()
