"""Invisible characters: refused in one-line texts, removed from free texts by the form.

A right-to-left override (U+202E) or a zero-width space makes a published name or
address read differently from what it is stored as.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from privacy_notices.forms import PublishForm
from privacy_notices.interchange import ImportRefused, export_organisation, import_organisation
from privacy_notices.models import PrivacyNotice
from registers.forms import ControllerForm
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    ImportDraft,
    Register,
    SecurityMeasure,
)
from registers.validators import validate_visible_text
from tests.editor import add_row, form_data, register_post_data
from tests.factories import PrivacyNoticeFactory
from tests.walk import domain_models

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


def _one_line_fields(model: type[models.Model]) -> list[models.CharField[Any, Any]]:
    """The user-editable one-line texts: CharField and its e-mail, URL and slug kinds."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and field.editable and not field.choices
    ]


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


def _error_beside(body: str, field: str, next_field: str, message: str) -> bool:
    """The message follows the field's input, before the next field's."""
    start = body.index(f'name="{field}"')
    return start < body.index(message, start) < body.index(f'name="{next_field}"', start)


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


# --- One-line texts: the model ----------------------------------------------------------


def _labels(fields: list[models.Field[Any, Any]]) -> set[str]:
    return {f"{field.model.__name__}.{field.name}" for field in fields}


def test_every_one_line_text_of_the_domain_refuses_invisible_characters() -> None:
    unguarded = [
        field
        for model in domain_models()
        for field in _one_line_fields(model)
        if validate_visible_text not in field.validators
    ]
    # Slugs are ASCII letters, digits, hyphens and underscores by Django's own validator.
    assert _labels(unguarded) == {"Controller.slug", "PrivacyNotice.slug"}
    for field in unguarded:
        with pytest.raises(ValidationError):
            field.run_validators(f"oma{RLO}oy")


def _bad_value(field: models.Field[Any, Any]) -> str:
    if isinstance(field, models.EmailField):
        return f"tietosuoja@oma{RLO}yritys.fi"  # Django's own validator lets it in
    if isinstance(field, models.URLField):
        return f"https://oma{RLO}yritys.fi/"  # likewise
    return f"Oy{RLO}abc"


def test_the_model_refuses_every_one_line_text_with_an_invisible_character(
    register: Register,
) -> None:
    cookie = Cookie.objects.create(register=register, name="_ga", purpose="Analytiikka")
    rows: list[models.Model] = [
        register.controller,
        register,
        *register.data_categories.all(),
        *register.sources.all(),
        *register.recipients.all(),
        *register.security_measures.all(),
        *register.purposes.all(),
        *register.data_subject_categories.all(),
        *register.transfers.all(),
        *register.retention_rules.all(),
        cookie,
        PrivacyNoticeFactory(controller=register.controller),
        ImportDraft.objects.create(
            controller=register.controller,
            origin="seloste.txt",
            origin_kind="file",
            proposal={"origin": "seloste.txt", "origin_kind": "file"},
        ),
    ]
    checked: list[models.Field[Any, Any]] = []
    for row in rows:
        for field in _one_line_fields(type(row)):
            if isinstance(field, models.SlugField):
                continue
            original = getattr(row, field.attname)
            setattr(row, field.attname, _bad_value(field))
            with pytest.raises(ValidationError) as raised:
                row.full_clean()
            assert REFUSED_RLO in raised.value.message_dict[field.name], field
            setattr(row, field.attname, original)
            row.full_clean()
            checked.append(field)
    every = [field for model in domain_models() for field in _one_line_fields(model)]
    assert _labels(checked) == _labels(every) - {"Controller.slug", "PrivacyNotice.slug"}


def test_ordinary_text_passes_and_each_invisible_character_is_named(
    organisation: Controller,
) -> None:
    organisation.street_address = ORDINARY
    organisation.full_clean()
    for char, named in [
        ("\u200b", "U+200B (nollalevyinen välilyönti)"),
        ("\u202e", "U+202E (oikealta vasemmalle -ohjaus)"),
        ("\u2066", "U+2066 (vasemmalta oikealle -eristys)"),
        ("\u200f", "U+200F (oikealta vasemmalle -merkki)"),
        ("\ufeff", "U+FEFF (tavujärjestysmerkki BOM)"),
        ("\u00ad", "U+00AD (tavutusvihje)"),
        ("\t", "U+0009 (sarkain)"),
        ("\x07", "U+0007 (ohjausmerkki)"),
        ("\ue000", "U+E000 (yksityiskäytön merkki)"),
        ("\u2029", "U+2029 (kappale-erotin)"),
    ]:
        organisation.street_address = ORDINARY + char
        with pytest.raises(ValidationError) as raised:
            organisation.full_clean()
        assert named in raised.value.message_dict["street_address"][0]


def test_the_message_lists_several_characters_once_each(organisation: Controller) -> None:
    organisation.name = f"A{RLO}B\u200bC{RLO}"
    with pytest.raises(ValidationError) as raised:
        organisation.full_clean()
    assert raised.value.message_dict["name"] == [
        "Tekstissä on näkymättömiä ohjausmerkkejä: U+202E (oikealta vasemmalle -ohjaus), "
        "U+200B (nollalevyinen välilyönti). Poista ne: kirjoita kohdat uudelleen tai liitä "
        "teksti muotoilemattomana."
    ]


# --- One-line texts: the editor ---------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "next_field"),
    [("name", "short_name"), ("email", "phone"), ("website", "representative")],
)
def test_the_controller_page_refuses_it_beside_the_field_and_saves_nothing(
    client: Client, officer: User, organisation: Controller, field: str, next_field: str
) -> None:
    before = form_data(ControllerForm(instance=organisation))
    bad = _bad_value(Controller._meta.get_field(field))
    client.force_login(officer)

    response = client.post(f"{ORG}/rekisterinpitaja/", before | {field: bad, "city": "Turku"})

    assert response.status_code == 200
    assert _error_beside(_page(response), field, next_field, REFUSED_RLO)
    organisation.refresh_from_db()
    assert form_data(ControllerForm(instance=organisation)) == before


def test_ordinary_text_is_saved_as_typed_on_the_controller_page(
    client: Client, officer: User, organisation: Controller
) -> None:
    data = form_data(ControllerForm(instance=organisation))
    client.force_login(officer)
    refused = client.post(f"{ORG}/rekisterinpitaja/", data | {"name": ORDINARY + "\u200b"})
    assert REFUSED_ZWSP in _page(refused)

    response = client.post(f"{ORG}/rekisterinpitaja/", data | {"name": ORDINARY})

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == ORDINARY


def test_a_library_item_is_refused(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        f"{ORG}/tietoryhmat/uusi/", {"name": f"Nimi{RLO}", "kind": "ordinary", "position": "0"}
    )
    assert response.status_code == 200
    assert _error_beside(_page(response), "name", "kind", REFUSED_RLO)
    assert not DataCategory.objects.exists()


def test_the_register_page_refuses_it_in_a_row_and_saves_nothing(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register) | {"name": "Uusi nimi"}
    add_row(data, "cookies", name="_ga", purpose="Analytiikka", provider=f"Google{RLO}")
    client.force_login(officer)

    response = client.post(f"{ORG}/rekisterit/{register.pk}/", data)

    assert response.status_code == 200
    assert _error_beside(_page(response), "cookies-0-provider", "cookies-0-duration", REFUSED_RLO)
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"
    assert not Cookie.objects.exists()


def test_a_notice_title_is_refused(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        f"{ORG}/selosteet/uusi/", {"title": f"Tietosuojaseloste{RLO}", "slug": "seloste"}
    )
    assert response.status_code == 400  # the notice pages answer an invalid form with 400
    assert _error_beside(_page(response), "title", "slug", REFUSED_RLO)
    assert not PrivacyNotice.objects.exists()


def test_a_copy_is_refused_a_name_with_one(
    client: Client, officer: User, register: Register
) -> None:
    # Register.copy() saves without full_clean: the copy form has the validator itself.
    client.force_login(officer)
    response = client.post(
        f"{ORG}/rekisterit/{register.pk}/kopioi/", {"name": f"Asiakasrekisteri{RLO}"}
    )
    assert response.status_code == 200
    assert REFUSED_RLO in _page(response)
    assert Register.objects.count() == 1


# --- One-line texts: the admin ----------------------------------------------------------


@pytest.mark.parametrize("field", ["name", "email", "website"])
def test_the_admin_refuses_it(client: Client, staff: User, field: str) -> None:
    client.force_login(staff)
    data = {
        "name": "Oma Yritys Oy",
        "slug": "oma-yritys-oy",
        "authority_name": "Tietosuojavaltuutetun toimisto",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data[field] = _bad_value(Controller._meta.get_field(field))

    response = client.post("/admin/registers/controller/add/", data)

    assert response.status_code == 200
    assert REFUSED_RLO in _page(response)
    assert not Controller.objects.filter(slug="oma-yritys-oy").exists()


# --- The JSON import --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("controller", "name"), f"controller.name: {REFUSED_RLO}"),
        (("controller", "website"), f"controller.website: {REFUSED_RLO}"),
        (("registers", 0, "description"), f"registers[0].description: {REFUSED_RLO}"),
        (
            ("registers", 0, "transfers", 0, "country"),
            f"registers[0].transfers[0].country: {REFUSED_RLO}",
        ),
        (("data_categories", 0, "name"), f"data_categories[0].name: {REFUSED_RLO}"),
    ],
    ids=["controller-name", "controller-website", "free-text", "part", "library"],
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
