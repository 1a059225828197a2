"""Whom a source is (GDPR Art. 13 or 14) and the Art. 14(3)/(5) texts of a register:
the data migration, the library and register pages, the admin and the demo."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from registers.demo import load_demo
from registers.models import Controller, Register, Source, SourceOrigin
from tests.editor import register_post_data
from tests.factories import ControllerFactory, SourceFactory

pytestmark = pytest.mark.django_db

BASE = "/hallinta/oma-organisaatio-oy"
SUBJECT = SourceOrigin.DATA_SUBJECT
ELSEWHERE = SourceOrigin.OTHER
NOT_STATED = SourceOrigin.NOT_STATED


# --- Data migration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "is_public", "origin"),
    [
        # The seeds' own words.
        ("Rekisteröity itse", False, SUBJECT),
        (
            "Rekisteröidyltä itseltään (kuten sivuston yhteydenottolomakkeiden kautta)",
            False,
            SUBJECT,
        ),
        (
            "Asiakkaalta tai potentiaaliselta asiakkaalta itseltään: www-lomakkeilla lähetetyt "
            "tiedot, sähköposti, puhelin",
            False,
            SUBJECT,
        ),
        ("Asiakas itse", False, SUBJECT),
        ("Hakijalta itseltään", False, SUBJECT),
        ("Rekisteröidyn itse antamat tiedot", False, SUBJECT),
        # A public source is not the person (Art. 14(2)(f)).
        ("Vapaat tietolähteet", True, ELSEWHERE),
        # Contradicting: left to the officer.
        ("Rekisteröity itse", True, NOT_STATED),
        # Not plain: either may be meant.
        ("Asiakastapaamisista saadut tiedot", False, NOT_STATED),
        ("Rekisteröidyn palvelun käytöstä", False, NOT_STATED),
        ("Evästeiden ja vastaavan teknologian avulla", False, NOT_STATED),
        ("Väestötietojärjestelmä", False, NOT_STATED),
        # A second source in the same name.
        ("Rekisteröidyltä itseltään ja julkisista lähteistä", False, NOT_STATED),
        ("Rekisteröity itse sekä työnantaja", False, NOT_STATED),
        # "itseltään" of someone else.
        ("Yhteistyökumppanilta itseltään", False, NOT_STATED),
        ("Rekisterinpitäjä itse", False, NOT_STATED),
    ],
)
def test_the_data_migration_infers_the_person_only_where_the_name_plainly_says_so(
    organisation: Controller, name: str, is_public: bool, origin: str
) -> None:
    source = SourceFactory(controller=organisation, name=name, is_public=is_public)
    module = importlib.import_module("registers.migrations.0010_source_origin")

    module.state_whom_sources_are(apps, None)

    source.refresh_from_db()
    assert source.origin == origin


# --- Model ------------------------------------------------------------------------------


def test_a_public_source_cannot_be_the_person_themself(organisation: Controller) -> None:
    source = Source(controller=organisation, name="Julkaisut", is_public=True, origin=SUBJECT)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "origin" in error.value.message_dict


# --- Library ----------------------------------------------------------------------------


def test_an_officer_states_whom_a_source_is_in_the_library(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    page = client.get(f"{BASE}/lahteet/uusi/").content.decode()
    assert 'name="origin"' in page

    response = client.post(
        f"{BASE}/lahteet/uusi/",
        {"name": "Väestötietojärjestelmä", "origin": ELSEWHERE, "position": "0"},
    )

    assert response.status_code == 302
    assert Source.objects.get(controller=organisation).origin == ELSEWHERE


def test_a_public_source_from_the_person_is_a_form_error_and_nothing_is_saved(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    response = client.post(
        f"{BASE}/lahteet/uusi/",
        {"name": "Julkaisut", "origin": SUBJECT, "is_public": "on", "position": "0"},
    )
    assert response.status_code == 200
    assert "Julkinen lähde on muu lähde" in response.content.decode()
    assert not Source.objects.exists()


def test_an_outsider_cannot_edit_a_sources_origin(
    client: Client, outsider: User, organisation: Controller
) -> None:
    source = SourceFactory(controller=organisation)
    client.force_login(outsider)
    response = client.post(
        f"{BASE}/lahteet/{source.pk}/", {"name": "X", "origin": ELSEWHERE, "position": "0"}
    )
    assert response.status_code == 404
    source.refresh_from_db()
    assert source.origin == NOT_STATED


def test_a_pasted_list_of_sources_gets_the_chosen_origin(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    response = client.post(
        f"{BASE}/lahteet/liita/",
        {"text": "Verohallinto\nVäestötietojärjestelmä", "origin": "other"},
    )
    assert response.status_code == 302
    assert set(Source.objects.values_list("origin", flat=True)) == {ELSEWHERE}


# --- Register page ----------------------------------------------------------------------


def test_the_register_page_marks_each_sources_origin_and_saves_the_article_14_texts(
    client: Client, officer: User, register: Register
) -> None:
    register.sources.add(
        SourceFactory(controller=register.controller, name="Verohallinto", origin=ELSEWHERE)
    )
    client.force_login(officer)
    url = f"{BASE}/rekisterit/{register.pk}/"
    page = client.get(url).content.decode()
    assert "Asiakas itse (rekisteröity itse)" in page
    assert "Verohallinto (muu lähde)" in page
    assert 'name="informing_timing"' in page
    assert 'name="informing_exemption"' in page

    data = register_post_data(register)
    data["informing_timing"] = "Kerromme kuukauden kuluessa tietojen saamisesta."
    data["informing_exemption"] = "Tietojen saamisesta säädetään laissa (14 art. 5 c)."
    response = client.post(url, data)

    assert response.status_code == 302
    register.refresh_from_db()
    assert register.informing_timing == "Kerromme kuukauden kuluessa tietojen saamisesta."
    assert register.informing_exemption == "Tietojen saamisesta säädetään laissa (14 art. 5 c)."


def test_a_too_long_timing_text_is_a_form_error_and_nothing_is_saved(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    data = register_post_data(register)
    data["informing_timing"] = "x" * 5_001
    response = client.post(f"{BASE}/rekisterit/{register.pk}/", data)
    assert response.status_code == 200
    register.refresh_from_db()
    assert register.informing_timing == ""


# --- Admin ------------------------------------------------------------------------------


def test_staff_set_a_sources_origin_in_the_admin(admin_client: Client) -> None:
    controller = ControllerFactory()
    response = admin_client.post(
        "/admin/registers/source/add/",
        {
            "controller": str(controller.pk),
            "name": "Luottotietorekisteri",
            "origin": "other",
            "description": "",
            "position": "0",
        },
    )
    assert response.status_code == 302
    assert Source.objects.get().origin == ELSEWHERE


def test_the_admin_register_form_has_the_article_14_texts(
    admin_client: Client, register: Register
) -> None:
    page = admin_client.get(f"/admin/registers/register/{register.pk}/change/").content.decode()
    assert 'name="informing_timing"' in page
    assert 'name="informing_exemption"' in page


# --- Demo -------------------------------------------------------------------------------


def test_the_demo_states_origins_only_where_the_seeds_do() -> None:
    load_demo()
    origins = {
        (s.controller.slug, s.name[:30]): s.origin
        for s in Source.objects.select_related("controller")
        if s.origin
    }
    assert origins == {
        ("smart-time-oy", "Rekisteröidyltä itseltään (kut"): SUBJECT,
        ("smart-time-oy", "Julkisista tietolähteistä, kut"): ELSEWHERE,
        ("smartum-oy", "Asiakkaalta tai potentiaalisel"): SUBJECT,
        ("smartum-oy", "Yleisesti saatavilla olevat lä"): ELSEWHERE,
        ("timmi-software-oy", "Rekisteröity itse"): SUBJECT,
        ("timmi-software-oy", "Vapaat tietolähteet"): ELSEWHERE,
    }
