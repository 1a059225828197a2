"""No lost updates: a save made on a stale copy of a register is refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from registers.models import LegalBasis, Register
from tests.editor import add_row, register_post_data

pytestmark = pytest.mark.django_db


def url(register: Register) -> str:
    return f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"


def test_a_stale_save_is_refused_with_what_changed_and_the_input_kept(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    officers_copy = register_post_data(register)
    colleagues_copy = register_post_data(register)

    colleagues_copy["description"] = "Kollegan kuvaus"
    colleagues_copy["purposes-0-description"] = "Kollegan tarkoitus"
    client.force_login(colleague)
    assert client.post(url(register), colleagues_copy).status_code == 302

    officers_copy["name"] = "Virkailijan nimi"
    add_row(officers_copy, "purposes", description="Uutiskirje", legal_basis=LegalBasis.CONSENT)
    client.force_login(officer)
    response = client.post(url(register), officers_copy)

    body = response.content.decode()
    assert response.status_code == 200
    assert "joku muu on muuttanut rekisteriä" in body
    # What changed, and who changed it.
    assert "Kollegan kuvaus" in body
    assert "Kollegan tarkoitus" in body
    assert "colleague" in body
    # Only what changed after the officer loaded the page, not how it was built.
    assert {(c.subject, c.who) for c in response.context["stale_changes"]} == {
        ("Rekisteri", "colleague"),
        ("Käsittelyn tarkoitus: Kollegan tarkoitus", "colleague"),
    }
    # The officer's own input is still on the form.
    assert 'value="Virkailijan nimi"' in body
    assert "Uutiskirje" in body
    assert response.context["register"].name == "Asiakasrekisteri"  # the heading
    # Nothing of the stale save reached the database.
    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"
    assert register.description == "Kollegan kuvaus"
    assert [p.description for p in register.purposes.all()] == ["Kollegan tarkoitus"]
    assert register.version == 2


def test_after_seeing_the_changes_the_officer_can_save_on_top_of_them(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    officers_copy = register_post_data(register)
    client.force_login(colleague)
    colleagues_copy = register_post_data(register)
    colleagues_copy["description"] = "Kollegan kuvaus"
    client.post(url(register), colleagues_copy)

    officers_copy["name"] = "Virkailijan nimi"
    client.force_login(officer)
    refused = client.post(url(register), officers_copy)
    resubmitted = refused.context["editor"].form["loaded_version"].value()
    officers_copy["loaded_version"] = resubmitted
    response = client.post(url(register), officers_copy)

    assert response.status_code == 302
    register.refresh_from_db()
    assert register.name == "Virkailijan nimi"
    assert register.version == 3


def test_a_change_to_a_part_alone_makes_other_copies_stale(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    officers_copy = register_post_data(register)
    colleagues_copy = register_post_data(register)
    colleagues_copy["retention-0-period"] = "7"
    client.force_login(colleague)
    client.post(url(register), colleagues_copy)

    client.force_login(officer)
    response = client.post(url(register), officers_copy)

    assert response.status_code == 200
    assert "joku muu on muuttanut rekisteriä" in response.content.decode()
    assert register.retention_rules.get().period == 7


def test_a_tick_alone_makes_other_copies_stale(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    officers_copy = register_post_data(register)
    colleagues_copy = register_post_data(register)
    colleagues_copy["data_categories"] = []
    client.force_login(colleague)
    client.post(url(register), colleagues_copy)

    client.force_login(officer)
    response = client.post(url(register), officers_copy)

    body = response.content.decode()
    assert "joku muu on muuttanut rekisteriä" in body
    assert "Nimi" in body
    assert not register.data_categories.exists()


def test_archiving_makes_open_copies_stale(
    client: Client, officer: User, register: Register
) -> None:
    officers_copy = register_post_data(register)
    register.set_archived(True)
    client.force_login(officer)
    response = client.post(url(register), officers_copy)
    assert "joku muu on muuttanut rekisteriä" in response.content.decode()


def test_a_row_deleted_in_between_is_pointed_out_on_the_stale_form(
    client: Client, officer: User, colleague: User, register: Register
) -> None:
    officers_copy = register_post_data(register)
    colleagues_copy = register_post_data(register)
    colleagues_copy["purposes-0-DELETE"] = "on"
    client.force_login(colleague)
    client.post(url(register), colleagues_copy)

    client.force_login(officer)
    refused = client.post(url(register), officers_copy)
    officers_copy["loaded_version"] = refused.context["editor"].form["loaded_version"].value()
    response = client.post(url(register), officers_copy)

    assert response.status_code == 200
    assert "Tätä riviä ei enää ole" in response.content.decode()
    assert not register.purposes.exists()
