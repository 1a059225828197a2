"""Adding a register to a notice from the register's page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import NoticeRegister, PrivacyNotice
from registers.models import Controller, Register
from tests.factories import RegisterFactory, notice_with

pytestmark = pytest.mark.django_db


def url(register: Register) -> str:
    return f"/hallinta/oma-organisaatio-oy/selosteet/lisaa-rekisteri/{register.pk}/"


@pytest.fixture
def notice(organisation: Controller) -> PrivacyNotice:
    first = RegisterFactory(controller=organisation, name="Jäsenrekisteri")
    return notice_with(organisation, first, title="Jäsenseloste", slug="jasenet")


def test_the_register_page_lists_its_notices_and_offers_the_others(
    client: Client, officer: User, register: Register, notice: PrivacyNotice
) -> None:
    included = notice_with(register.controller, register, title="Asiakasseloste", slug="a")
    client.force_login(officer)
    body = client.get(f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/").content.decode()
    panel = body[
        body.index('id="register-notices"') : body.index(
            "</section>", body.index('id="register-notices"')
        )
    ]
    assert (
        f'href="/hallinta/oma-organisaatio-oy/selosteet/{included.pk}/">Asiakasseloste</a>' in panel
    )
    assert f'<option value="{notice.pk}">Jäsenseloste</option>' in panel
    assert f'<option value="{included.pk}">' not in panel
    assert "Lisää selosteeseen" in panel


def test_an_editor_adds_the_register_last_and_is_told_where_to_publish(
    client: Client, officer: User, register: Register, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    response = client.post(url(register), {"notice": notice.pk}, follow=True)
    page = f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"
    assert response.redirect_chain == [(f"{page}#selosteet", 302)]
    assert [r.name for r in notice.ordered_registers()] == ["Jäsenrekisteri", "Asiakasrekisteri"]
    body = response.content.decode()
    assert "Rekisteri ”Asiakasrekisteri” lisättiin selosteeseen ”Jäsenseloste”." in body
    assert f'<a href="/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/">' in body


def test_another_organisations_notice_is_a_clear_error_and_nothing_is_added(
    client: Client,
    officer: User,
    register: Register,
    notice: PrivacyNotice,
    other_organisation: Controller,
) -> None:
    foreign = notice_with(other_organisation, title="Vieras seloste")
    client.force_login(officer)
    response = client.post(url(register), {"notice": foreign.pk})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Valitse jokin organisaation selosteista, jossa rekisteriä ei vielä ole." in body
    assert "Vieras seloste" not in body
    assert not NoticeRegister.objects.filter(register=register).exists()


def test_a_notice_that_has_the_register_already_is_no_choice(
    client: Client, officer: User, register: Register
) -> None:
    included = notice_with(register.controller, register)
    client.force_login(officer)
    response = client.post(url(register), {"notice": included.pk})
    assert response.status_code == 400
    assert NoticeRegister.objects.filter(register=register).count() == 1


def test_no_choice_is_an_error_in_finnish(
    client: Client, officer: User, register: Register, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    response = client.post(url(register), {})
    assert response.status_code == 400
    assert "Valitse seloste." in response.content.decode()


def test_another_organisations_register_is_404(
    client: Client, officer: User, notice: PrivacyNotice, other_organisation: Controller
) -> None:
    foreign = RegisterFactory(controller=other_organisation)
    client.force_login(officer)
    assert client.post(url(foreign), {"notice": notice.pk}).status_code == 404


def test_an_outsider_gets_404(
    client: Client, outsider: User, register: Register, notice: PrivacyNotice
) -> None:
    client.force_login(outsider)
    assert client.post(url(register), {"notice": notice.pk}).status_code == 404


def test_a_viewer_sees_the_notices_but_cannot_add(
    client: Client, viewer: User, register: Register, notice: PrivacyNotice
) -> None:
    client.force_login(viewer)
    body = client.get(f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/").content.decode()
    assert 'id="register-notices"' in body
    assert "Lisää selosteeseen" not in body
    assert client.post(url(register), {"notice": notice.pk}).status_code == 403
    assert not NoticeRegister.objects.filter(register=register).exists()


def test_an_archived_register_cannot_be_added(
    client: Client, officer: User, register: Register, notice: PrivacyNotice
) -> None:
    register.set_archived(True)
    client.force_login(officer)
    assert client.post(url(register), {"notice": notice.pk}).status_code == 404
