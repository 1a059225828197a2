"""The editor's dashboards: the user's organisations and one organisation's overview."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import PrivacyNotice
from registers.models import Controller, Register
from tests.factories import ControllerFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_member_of_one_organisation_goes_straight_to_it(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get("/hallinta/")
    assert response["Location"] == "/hallinta/oma-organisaatio-oy/"


def test_a_member_of_several_organisations_chooses_and_can_switch(
    client: Client, officer: User, register: Register
) -> None:
    MembershipFactory(
        user=officer, controller=ControllerFactory(name="Toinen Oy", slug="toinen-oy")
    )
    client.force_login(officer)
    body = client.get("/hallinta/").content.decode()
    assert "Oma Organisaatio Oy" in body
    assert "Toinen Oy" in body
    overview = client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert "Vaihda organisaatiota" in overview
    assert 'href="/hallinta/toinen-oy/"' in overview


def test_the_overview_lists_the_registers_and_libraries(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    body = client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert f'href="/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"' in body
    for text in ("Tietoryhmät", "Vastaanottajat", "Tietolähteet", "Suojaustoimenpiteet"):
        assert text in body


def test_a_user_without_organisations_is_led_to_create_one(client: Client, outsider: User) -> None:
    lonely = MembershipFactory().user
    lonely.memberships.all().delete()
    client.force_login(lonely)
    assert client.get("/hallinta/")["Location"] == "/hallinta/uusi/"


def test_an_outsider_gets_404(client: Client, outsider: User, organisation: Controller) -> None:
    client.force_login(outsider)
    assert client.get("/hallinta/oma-organisaatio-oy/").status_code == 404


def test_the_overview_links_the_organisations_notices(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice = PrivacyNotice.objects.create(
        controller=organisation, title="Asiakkaiden seloste", slug="asiakkaat"
    )
    PrivacyNotice.objects.create(
        controller=ControllerFactory(), title="Vieras seloste", slug="vieras"
    )
    client.force_login(officer)
    body = client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert f'href="/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/"' in body
    assert "Vieras seloste" not in body
