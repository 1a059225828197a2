"""Pasting a list, one item per line, into a library or into the register page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import (
    Controller,
    DataCategory,
    DataCategoryKind,
    Recipient,
    RecipientRole,
    Register,
    Source,
)
from registers.pasting import read_list
from tests.editor import register_post_data
from tests.factories import DataCategoryFactory, RecipientFactory, SourceFactory
from tests.page_forms import as_post, read_form
from tests.walk import snapshot

pytestmark = pytest.mark.django_db

BASE = "/hallinta/oma-organisaatio-oy"
WORD_LIST = (
    "• Nimi\r\n"
    "-\tOsoite\r\n"
    "\r\n"
    "   \r\n"
    "1. Puhelinnumero\r\n"
    "2) Sähköpostiosoite\r\n"
    "a) Syntymäaika\r\n"
    "*Asiakasnumero\r\n"
    "– Laskutustiedot\r\n"
    "(3) Ostohistoria\r\n"
    "3D-mallit\r\n"
    "1.5 mm:n tarkkuus\r\n"
    "PUHELINNUMERO\r\n"
)


def register_url(register: Register) -> str:
    return f"{BASE}/rekisterit/{register.pk}/"


# --- Reading a pasted list --------------------------------------------------------------


def test_a_pasted_list_loses_its_bullets_numbering_and_blank_lines() -> None:
    pasted = read_list(WORD_LIST)

    assert [line.text for line in pasted.lines] == [
        "Nimi",
        "Osoite",
        "Puhelinnumero",
        "Sähköpostiosoite",
        "Syntymäaika",
        "Asiakasnumero",
        "Laskutustiedot",
        "Ostohistoria",
        "3D-mallit",
        "1.5 mm:n tarkkuus",
    ]
    # Line numbers are the officer's own, blank lines counted.
    assert [line.number for line in pasted.lines][:3] == [1, 2, 5]
    assert [(item.text, item.reason) for item in pasted.skipped] == [
        ("PUHELINNUMERO", "toistuu luettelossa")
    ]


def test_a_pasted_line_keeps_its_invisible_characters_for_validation_to_name() -> None:
    pasted = read_list("Ni\u200bmi\u00a0\n\u202eyO liveE")

    assert [line.text for line in pasted.lines] == ["Ni\u200bmi", "\u202eyO liveE"]


# --- Into a library ---------------------------------------------------------------------


def test_an_officer_pastes_a_list_into_a_library_and_it_goes_at_the_end(
    client: Client, officer: User, organisation: Controller
) -> None:
    DataCategoryFactory(controller=organisation, name="Osoite", position=4)
    DataCategoryFactory(controller=organisation, name="Henkilötunnus", position=7)
    client.force_login(officer)

    response = client.post(f"{BASE}/tietoryhmat/liita/", {"text": WORD_LIST, "kind": "ordinary"})

    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/tietoryhmat/"
    library = list(
        DataCategory.objects.filter(controller=organisation).values_list("name", "position")
    )
    assert library == [
        ("Osoite", 4),
        ("Henkilötunnus", 7),
        ("Nimi", 8),
        ("Puhelinnumero", 9),
        ("Sähköpostiosoite", 10),
        ("Syntymäaika", 11),
        ("Asiakasnumero", 12),
        ("Laskutustiedot", 13),
        ("Ostohistoria", 14),
        ("3D-mallit", 15),
        ("1.5 mm:n tarkkuus", 16),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Kirjastoon lisättiin 9 kohdetta." in page
    assert "Ohitettiin 2 riviä:" in page
    assert "“Osoite” (on jo kirjastossa)" in page
    assert "“PUHELINNUMERO” (toistuu luettelossa)" in page


def test_a_line_that_differs_only_in_case_from_a_library_item_is_skipped(
    client: Client, officer: User, organisation: Controller
) -> None:
    SourceFactory(controller=organisation, name="Asiakas itse")
    client.force_login(officer)

    client.post(f"{BASE}/lahteet/liita/", {"text": "asiakas ITSE\nVäestötietojärjestelmä"})

    assert list(Source.objects.filter(controller=organisation).values_list("name", flat=True)) == [
        "Asiakas itse",
        "Väestötietojärjestelmä",
    ]


def test_the_chosen_values_are_given_to_every_pasted_item(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)

    response = client.post(
        f"{BASE}/vastaanottajat/liita/", {"text": "Verohallinto\nPoliisi", "role": "authority"}
    )

    assert response.status_code == 302
    roles = Recipient.objects.filter(controller=organisation).values_list("name", "role")
    assert sorted(roles) == [("Poliisi", "authority"), ("Verohallinto", "authority")]


def test_a_too_long_or_invisible_line_is_an_error_and_nothing_is_saved(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    text = f"Nimi\n\n{'x' * 301}\nSähkö\u00adposti"
    before = snapshot()

    response = client.post(f"{BASE}/tietoryhmat/liita/", {"text": text, "kind": "ordinary"})

    assert response.status_code == 200
    errors = response.context["form"].errors["text"]
    assert errors[0].startswith("Rivi 3 (“xxx")
    assert "enintään 300 merkkiä" in errors[0]
    assert errors[1].startswith("Rivi 4 (“Sähköposti”)")
    assert "tavutusvihje" in errors[1]
    assert snapshot() == before
    # The pasted text is still in the textarea, for the officer to fix.
    shown = dict(read_form(response.content.decode()).pairs)
    assert shown["text"] == text


def test_a_special_category_list_needs_its_article_9_condition(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    before = snapshot()

    response = client.post(
        f"{BASE}/tietoryhmat/liita/", {"text": "Terveystiedot\nAllergiat", "kind": "special"}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "9 artiklan 2 kohdan peruste" in str(errors["special_condition"])
    assert snapshot() == before
    response = client.post(
        f"{BASE}/tietoryhmat/liita/",
        {"text": "Terveystiedot\nAllergiat", "kind": "special", "special_condition": "h"},
    )
    assert response.status_code == 302
    assert DataCategory.objects.filter(controller=organisation, kind="special").count() == 2


def test_an_empty_list_is_an_error(client: Client, officer: User) -> None:
    client.force_login(officer)

    response = client.post(f"{BASE}/lahteet/liita/", {"text": " \n • \n"})

    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["Liitä luettelo: yksi kohde riville."]


def test_the_library_page_offers_the_paste_form_to_an_editor_only(
    client: Client, officer: User, viewer: User
) -> None:
    client.force_login(officer)
    page = client.get(f"{BASE}/tietoryhmat/").content.decode()
    assert f'action="{BASE}/tietoryhmat/liita/"' in page
    assert 'name="text"' in page

    client.force_login(viewer)
    page = client.get(f"{BASE}/tietoryhmat/").content.decode()
    assert "liita" not in page


def test_a_viewer_cannot_paste_and_an_outsider_gets_404(
    client: Client, viewer: User, outsider: User
) -> None:
    before = snapshot()
    for user, status in ((viewer, 403), (outsider, 404)):
        client.force_login(user)
        response = client.post(f"{BASE}/vastaanottajat/liita/", {"text": "Posti"})
        assert response.status_code == status
    assert snapshot() == before


def test_security_texts_are_not_pasted(client: Client, officer: User) -> None:
    client.force_login(officer)

    assert client.get(f"{BASE}/suojaus/liita/").status_code == 404
    assert 'name="text"' not in client.get(f"{BASE}/suojaus/").content.decode()


# --- New library items go at the end ----------------------------------------------------


def test_the_library_create_form_proposes_the_end_of_the_library(
    client: Client, officer: User, organisation: Controller
) -> None:
    RecipientFactory(controller=organisation, position=5)
    client.force_login(officer)

    form = dict(read_form(client.get(f"{BASE}/vastaanottajat/uusi/").content.decode()).pairs)

    assert form["position"] == "6"


def test_a_new_category_added_on_the_register_page_goes_at_the_end_of_the_library(
    client: Client, officer: User, register: Register, organisation: Controller
) -> None:
    DataCategoryFactory(controller=organisation, name="Osoite", position=3)
    data = register_post_data(register)
    data["new_category-name"] = "Puhelinnumero"
    data["new_category-kind"] = DataCategoryKind.ORDINARY
    client.force_login(officer)

    assert client.post(register_url(register), data).status_code == 302

    names = DataCategory.objects.filter(controller=organisation).values_list("name", flat=True)
    assert list(names)[-1] == "Puhelinnumero"
    assert DataCategory.objects.get(name="Puhelinnumero").position == 4


# --- Into the register page -------------------------------------------------------------


def test_pasted_lists_on_the_register_page_add_groups_and_tick_library_items(
    client: Client, officer: User, register: Register, organisation: Controller
) -> None:
    existing_group = register.data_subject_categories.get().name
    DataCategoryFactory(controller=organisation, name="Sähköpostiosoite", position=2)
    data = register_post_data(register)
    data["paste-subjects"] = f"• Toimittajat\n• {existing_group.upper()}\n• Yhteyshenkilöt"
    data["paste-data_categories"] = "1. sähköpostiosoite\n2. Puhelinnumero\n3. Nimi"
    data["paste-sources"] = "- Väestötietojärjestelmä"
    data["paste-recipients"] = "Posti\nposti"
    client.force_login(officer)

    response = client.post(register_url(register), data)

    assert response.status_code == 302
    register.refresh_from_db()
    assert register.version == 2
    assert [g.name for g in register.data_subject_categories.all()] == [
        existing_group,
        "Toimittajat",
        "Yhteyshenkilöt",
    ]
    # Existing items are ticked (in any case); a missing one is added at the end.
    assert sorted(c.name for c in register.data_categories.all()) == [
        "Nimi",
        "Puhelinnumero",
        "Sähköpostiosoite",
    ]
    library = DataCategory.objects.filter(controller=organisation)
    assert list(library.values_list("name", flat=True)) == [
        "Nimi",
        "Sähköpostiosoite",
        "Puhelinnumero",
    ]
    assert library.get(name="Puhelinnumero").position == 3
    assert sorted(s.name for s in register.sources.all()) == [
        "Asiakas itse",
        "Väestötietojärjestelmä",
    ]
    assert sorted(r.name for r in register.recipients.all()) == ["Kirjanpitotoimisto", "Posti"]
    page = client.get(register_url(register)).content.decode()
    assert "Tietoryhmät: valittiin 3, joista 1 lisättiin kirjastoon." in page
    assert "Rekisteröityjen ryhmiä lisättiin 2." in page
    assert f"“{existing_group.upper()}” (on jo rekisterissä)" in page
    assert "“posti” (toistuu luettelossa)" in page
    # The pasted fields are empty again.
    shown = dict(read_form(page).pairs)
    assert shown["paste-subjects"] == shown["paste-recipients"] == ""


def test_an_invalid_pasted_line_on_the_register_page_saves_nothing_and_keeps_the_text(
    client: Client, officer: User, register: Register
) -> None:
    data = register_post_data(register)
    data["name"] = "Ei tallennu"
    data["paste-subjects"] = "Asiakkaat\n" + "x" * 301
    data["paste-sources"] = "Asiak\u200bas"
    client.force_login(officer)
    before = snapshot()

    response = client.post(register_url(register), data)

    assert response.status_code == 200
    paste = response.context["editor"].paste
    assert paste.errors["subjects"][0].startswith("Rivi 2 (“xxx")
    assert "nollalevyinen välilyönti" in paste.errors["sources"][0]
    assert snapshot() == before
    shown = dict(read_form(response.content.decode()).pairs)
    assert shown["paste-subjects"] == data["paste-subjects"]


def test_a_stale_save_keeps_the_pasted_lists_and_the_resave_applies_them(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    client.force_login(officer)
    officers_copy = as_post(read_form(client.get(register_url(register)).content.decode()).pairs)
    colleagues_copy = register_post_data(register)
    colleagues_copy["description"] = "Kollegan kuvaus"
    client.force_login(colleague)
    assert client.post(register_url(register), colleagues_copy).status_code == 302

    officers_copy["paste-subjects"] = ["Toimittajat\nYhteyshenkilöt"]
    officers_copy["paste-recipients"] = ["Posti"]
    client.force_login(officer)
    refused = client.post(register_url(register), officers_copy)

    assert refused.status_code == 200
    assert refused.context["stale_changes"] is not None
    register.refresh_from_db()
    assert register.data_subject_categories.count() == 1
    assert not Recipient.objects.filter(name="Posti").exists()
    rebased = as_post(read_form(refused.content.decode()).pairs)
    assert rebased["paste-subjects"] == ["Toimittajat\nYhteyshenkilöt"]
    assert rebased["paste-recipients"] == ["Posti"]

    assert client.post(register_url(register), rebased).status_code == 302
    register.refresh_from_db()
    assert register.description == "Kollegan kuvaus"
    assert [g.name for g in register.data_subject_categories.all()][1:] == [
        "Toimittajat",
        "Yhteyshenkilöt",
    ]
    assert "Posti" in {r.name for r in register.recipients.all()}
    assert Recipient.objects.get(name="Posti").role == RecipientRole.PROCESSOR


def test_a_viewer_gets_no_paste_fields_and_cannot_post_them(
    client: Client, viewer: User, register: Register
) -> None:
    client.force_login(viewer)
    page = client.get(register_url(register)).content.decode()
    assert "paste-subjects" not in page

    data = register_post_data(register)
    data["paste-subjects"] = "Asiakkaat"
    before = snapshot()
    assert client.post(register_url(register), data).status_code == 403
    assert snapshot() == before
