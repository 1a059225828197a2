"""The register list: creating, copying, archiving and restoring registers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import Controller, Register
from tests.factories import RegisterFactory

pytestmark = pytest.mark.django_db

LIST = "/hallinta/oma-organisaatio-oy/rekisterit/"


def test_the_list_shows_active_and_archived_registers(
    client: Client, officer: User, register: Register, organisation: Controller
) -> None:
    RegisterFactory(controller=organisation, name="Vanha rekisteri", archived=True)
    client.force_login(officer)
    body = client.get(LIST).content.decode()
    assert "Asiakasrekisteri" in body
    assert "Vanha rekisteri" in body
    assert "arkistoitu" in body


def test_an_officer_creates_a_register(
    client: Client, officer: User, organisation: Controller
) -> None:
    client.force_login(officer)
    response = client.post(LIST + "uusi/", {"name": "Rekrytointirekisteri", "description": ""})
    register = Register.objects.get(name="Rekrytointirekisteri")
    assert register.controller == organisation
    assert response["Location"] == f"{LIST}{register.pk}/"


def test_a_duplicate_name_is_a_form_error(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    response = client.post(LIST + "uusi/", {"name": "Asiakasrekisteri"})
    assert response.status_code == 200
    assert "on jo olemassa" in response.content.decode()
    assert Register.objects.count() == 1


def test_an_empty_name_is_a_form_error(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.post(LIST + "uusi/", {"name": ""})
    assert "Tämä kenttä vaaditaan" in response.content.decode()
    assert not Register.objects.exists()


def test_a_copy_has_every_part_and_tick_of_the_original(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    assert (
        'value="Asiakasrekisteri (kopio)"'
        in client.get(f"{LIST}{register.pk}/kopioi/").content.decode()
    )

    response = client.post(f"{LIST}{register.pk}/kopioi/", {"name": "Kopio"})

    copy = Register.objects.get(name="Kopio")
    assert response["Location"] == f"{LIST}{copy.pk}/"
    for relation in (
        "purposes",
        "data_subject_categories",
        "transfers",
        "retention_rules",
        "cookies",
    ):
        original = [str(row) for row in getattr(register, relation).all()]
        copied = [str(row) for row in getattr(copy, relation).all()]
        assert copied == original, relation
    for ticks in ("data_categories", "sources", "recipients", "security_measures"):
        assert list(getattr(copy, ticks).all()) == list(getattr(register, ticks).all()), ticks
    # The original keeps its own rows.
    assert register.purposes.count() == 1


def test_a_copy_needs_a_new_name(client: Client, officer: User, register: Register) -> None:
    client.force_login(officer)
    response = client.post(f"{LIST}{register.pk}/kopioi/", {"name": "Asiakasrekisteri"})
    assert "jo tämänniminen rekisteri" in response.content.decode()
    assert Register.objects.count() == 1


def test_an_officer_archives_and_restores_a_register(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    response = client.post(f"{LIST}{register.pk}/arkistoi/", {"archived": "1"})
    assert response["Location"] == LIST
    register.refresh_from_db()
    assert register.archived
    overview = client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert "arkistoitiin" in overview
    assert f'href="{LIST}{register.pk}/"' not in overview

    client.post(f"{LIST}{register.pk}/arkistoi/", {"archived": "0"})
    register.refresh_from_db()
    assert not register.archived


def test_archiving_is_post_only(client: Client, officer: User, register: Register) -> None:
    client.force_login(officer)
    assert client.get(f"{LIST}{register.pk}/arkistoi/").status_code == 405


def test_an_outsider_gets_404(client: Client, outsider: User, register: Register) -> None:
    client.force_login(outsider)
    assert client.get(LIST).status_code == 404
    assert client.post(LIST + "uusi/", {"name": "X"}).status_code == 404
    assert client.post(f"{LIST}{register.pk}/kopioi/", {"name": "X"}).status_code == 404
    assert client.post(f"{LIST}{register.pk}/arkistoi/", {"archived": "1"}).status_code == 404
    assert Register.objects.count() == 1


def test_a_viewer_cannot_create_copy_or_archive(
    client: Client, viewer: User, register: Register
) -> None:
    client.force_login(viewer)
    assert "Luo rekisteri" not in client.get(LIST + "uusi/").content.decode()
    assert "Arkistoi" not in client.get(LIST).content.decode()
    assert client.post(LIST + "uusi/", {"name": "X"}).status_code == 403
    assert client.post(f"{LIST}{register.pk}/kopioi/", {"name": "X"}).status_code == 403
    assert client.post(f"{LIST}{register.pk}/arkistoi/", {"archived": "1"}).status_code == 403
    assert Register.objects.count() == 1
    register.refresh_from_db()
    assert not register.archived
