"""A newcomer creates an organisation and becomes its admin; the first-steps checklist."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.checks import check_notice
from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, Membership, MembershipRole
from registers.onboarding import first_steps, suggested_slug
from tests.factories import ControllerFactory, RegisterFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATE = "/hallinta/uusi/"
STEPS = [
    "Täydennä rekisterinpitäjän yhteystiedot",
    "Luo ensimmäinen rekisteri",
    "Luo ensimmäinen tietosuojaseloste",
    "Julkaise seloste",
]


@pytest.fixture
def newcomer(client: Client) -> User:
    user = UserFactory(username="uusi")
    client.force_login(user)
    return user


def create(client: Client, **fields: str) -> object:
    data = {"name": "Äänekosken Öljy Oy", "country": "Suomi", **fields}
    return client.post(CREATE, data)


def test_a_newcomer_is_led_to_create_an_organisation(client: Client, newcomer: User) -> None:
    response = client.get("/hallinta/", follow=True)
    assert response.redirect_chain[-1][0] == CREATE
    assert "Luo organisaatio" in response.content.decode()


def test_the_creator_becomes_the_admin_with_a_slug_from_the_name(
    client: Client, newcomer: User
) -> None:
    response = create(client, business_id="0737546-2", city="Äänekoski")
    controller = Controller.objects.get(name="Äänekosken Öljy Oy")
    assert controller.slug == "aanekosken-oljy-oy"
    assert response["Location"] == "/hallinta/aanekosken-oljy-oy/"
    membership = Membership.objects.get(controller=controller)
    assert (membership.user, membership.role) == (newcomer, MembershipRole.ADMIN)
    assert client.get("/hallinta/aanekosken-oljy-oy/").status_code == 200


def test_a_private_trader_needs_no_business_id(client: Client, newcomer: User) -> None:
    create(client, name="Maija Meikäläinen", trade_name="Tmi Meikäläinen", slug="tmi-maija")
    controller = Controller.objects.get(slug="tmi-maija")
    assert (controller.business_id, controller.trade_name) == ("", "Tmi Meikäläinen")


def test_an_invalid_business_id_is_refused_next_to_the_field_and_kept(
    client: Client, newcomer: User
) -> None:
    response = create(client, business_id="1234567-8", street_address="Kauppakatu 1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Y-tunnus" in body
    assert 'value="1234567-8"' in body
    assert 'value="Kauppakatu 1"' in body
    assert "is-invalid" in body
    assert not Controller.objects.exists()
    assert not Membership.objects.exists()


@pytest.mark.parametrize("slug", ["uusi", "hallinta", "accounts"])
def test_a_reserved_slug_is_refused(client: Client, newcomer: User, slug: str) -> None:
    response = create(client, slug=slug)
    assert response.status_code == 200
    assert "on varattu sovelluksen omalle käytölle" in response.content.decode()
    assert not Controller.objects.exists()


def test_a_typed_duplicate_slug_is_refused(client: Client, newcomer: User) -> None:
    ControllerFactory(slug="oma-oy")
    response = create(client, slug="oma-oy")
    assert response.status_code == 200
    assert "on jo olemassa" in response.content.decode()
    assert Controller.objects.count() == 1


def test_a_suggested_slug_is_numbered_when_taken(client: Client, newcomer: User) -> None:
    ControllerFactory(slug="aanekosken-oljy-oy")
    create(client)
    assert Membership.objects.get(user=newcomer).controller.slug == "aanekosken-oljy-oy-2"


def test_a_name_without_letters_asks_for_a_slug(client: Client, newcomer: User) -> None:
    response = create(client, name="!!!")
    assert "Kirjoita tunniste itse" in response.content.decode()
    assert not Controller.objects.exists()


def test_the_suggestion_skips_reserved_words() -> None:
    assert suggested_slug("Uusi") == "uusi-2"
    assert suggested_slug("§§") == ""
    assert len(suggested_slug("x" * 200)) <= 80


def test_any_member_may_create_another_organisation(client: Client, officer: User) -> None:
    client.force_login(officer)
    create(client, name="Toinen Oy")
    roles = dict(Membership.objects.filter(user=officer).values_list("controller__name", "role"))
    assert roles["Toinen Oy"] == MembershipRole.ADMIN
    assert "Luo organisaatio" in client.get("/hallinta/").content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.post(CREATE, {"name": "Kuka Oy"})
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Controller.objects.exists()


def steps_of(client: Client, org: str) -> dict[str, bool]:
    body = client.get(f"/hallinta/{org}/").content.decode()
    if "Ensimmäiset askeleet" not in body:
        return {}
    return {step: f"<s>{step}</s>" in body for step in STEPS}


def test_the_checklist_ticks_from_the_data(client: Client, newcomer: User) -> None:
    create(client, slug="oy")
    controller = Controller.objects.get(slug="oy")
    assert steps_of(client, "oy") == dict.fromkeys(STEPS, False)
    body = client.get("/hallinta/oy/").content.decode()
    assert 'href="/hallinta/oy/rekisterinpitaja/"' in body
    assert 'href="/hallinta/oy/rekisterit/uusi/"' in body
    assert 'href="/hallinta/oy/selosteet/uusi/"' in body

    Controller.objects.filter(pk=controller.pk).update(
        street_address="Kauppakatu 1", city="Jyväskylä", email="tietosuoja@oy.fi"
    )
    register = RegisterFactory(controller=controller)
    assert steps_of(client, "oy") == {
        STEPS[0]: True,
        STEPS[1]: True,
        STEPS[2]: False,
        STEPS[3]: False,
    }

    notice = PrivacyNotice.objects.create(controller=controller, slug="seloste", title="S")
    notice.registers.add(register)
    assert steps_of(client, "oy")[STEPS[2]]

    missing = [f.code for f in check_notice(notice) if f.blocking]
    publish_notice(notice=notice, published_by=None, change_note="1", acknowledged=missing)
    # Every step done: the checklist is gone.
    assert steps_of(client, "oy") == {}


def test_the_checklist_costs_one_query(
    django_assert_num_queries: Any, organisation: Controller
) -> None:
    RegisterFactory(controller=organisation)
    with django_assert_num_queries(1):
        steps = first_steps(organisation)
    assert [step.done for step in steps][1] is True
