"""The overview's "Vaatii huomiota" list: each item for its reason, linking to the place to act."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from privacy_notices.checks import check_notice
from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, Register
from tests.factories import (
    PurposeFactory,
    RegisterFactory,
    SubjectRequestFactory,
    complete_register,
    notice_with,
)
from tests.registers.test_query_counts import grow, queries

pytestmark = pytest.mark.django_db

OVERVIEW = "/hallinta/oma-organisaatio-oy/"
FAKE_PDF = b"%PDF-1.7\n% a stand-in\n"


@pytest.fixture(autouse=True)
def _fast_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", lambda content: FAKE_PDF)


def publish(notice: PrivacyNotice) -> None:
    missing = [f.code for f in check_notice(notice) if f.blocking]
    publish_notice(notice=notice, published_by=None, change_note="Julkaistu", acknowledged=missing)


def attention(client: Client) -> str:
    body = client.get(OVERVIEW).content.decode()
    start = body.index('id="huomio"')
    return body[start : body.index("</section>", start)]


def test_it_says_plainly_when_nothing_needs_attention(client: Client, officer: User) -> None:
    client.force_login(officer)
    assert "Kaikki on kunnossa" in attention(client)


def test_a_register_in_no_notice_links_to_its_page(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    section = attention(client)
    assert "Rekisteri ”Asiakasrekisteri” ei ole missään selosteessa" in section
    assert f'href="/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/#selosteet"' in section
    assert "Lisää selosteeseen" in section


def test_an_unpublished_notice_and_its_gaps_link_to_its_check_page(
    client: Client, officer: User, register: Register
) -> None:
    notice = notice_with(register.controller, register, title="Asiakasseloste")
    client.force_login(officer)
    section = attention(client)
    detail = f"/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/"
    assert "Selostetta ”Asiakasseloste” ei ole vielä julkaistu." in section
    assert f'href="{detail}#julkaise"' in section
    gaps = sum(f.blocking for f in check_notice(notice))
    assert gaps
    assert f"Selosteesta ”Asiakasseloste” puuttuu {gaps} pakolli" in section
    assert f'href="{detail}#tarkistus"' in section
    assert "ei ole missään selosteessa" not in section


def test_a_notice_whose_register_changed_since_publishing_is_listed(
    client: Client, officer: User, organisation: Controller
) -> None:
    register = complete_register(organisation)
    notice = notice_with(organisation, register, title="Asiakasseloste")
    publish(notice)
    client.force_login(officer)
    assert "on muutettu" not in attention(client)

    register.name = "Asiakas- ja jäsenrekisteri"
    register.save()
    section = attention(client)
    assert "Selosteen ”Asiakasseloste” julkaistun version 1 jälkeen on muutettu: rekistereitä" in (
        section
    )
    assert f'href="/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/#erot"' in section


def test_a_changed_controller_is_named_as_the_change(
    client: Client, officer: User, organisation: Controller
) -> None:
    publish(notice_with(organisation, complete_register(organisation), title="Asiakasseloste"))
    organisation.email = "uusi.osoite@example.fi"
    organisation.save()
    client.force_login(officer)
    assert "on muutettu: rekisterinpitäjän tietoja." in attention(client)


def test_overdue_and_soon_due_requests_are_in_the_same_list(
    client: Client, officer: User, organisation: Controller
) -> None:
    today = timezone.localdate()
    SubjectRequestFactory(controller=organisation, due_on=today - timedelta(days=1))
    SubjectRequestFactory(controller=organisation, due_on=today + timedelta(days=3))
    SubjectRequestFactory(controller=organisation, due_on=today + timedelta(days=3))
    client.force_login(officer)
    section = attention(client)
    assert "Kiireellinen:" in section
    assert "1 pyyntöön ei ole vastattu määräajassa (12 art. 3 kohta)." in section
    assert 'href="/hallinta/oma-organisaatio-oy/pyynnot/?maara=myohassa"' in section
    assert "2 pyynnön määräaika päättyy 7 päivän kuluessa." in section
    # The overdue request is listed first.
    assert section.index("määräajassa") < section.index("päättyy")


def test_a_viewer_sees_the_items_without_buttons_to_act(
    client: Client, viewer: User, register: Register
) -> None:
    client.force_login(viewer)
    section = attention(client)
    assert "Rekisteri ”Asiakasrekisteri” ei ole missään selosteessa" in section
    assert "btn" not in section


def test_another_organisations_notices_and_registers_are_not_listed(
    client: Client, officer: User, other_organisation: Controller
) -> None:
    notice_with(other_organisation, RegisterFactory(controller=other_organisation, name="Vieras"))
    client.force_login(officer)
    assert "Kaikki on kunnossa" in attention(client)


def test_the_overview_does_not_grow_with_notices_and_registers(
    client: Client, officer: User, organisation: Controller
) -> None:
    def add_notice(n: int) -> None:
        register = RegisterFactory(controller=organisation, name=f"Rekisteri {n}")
        grow(register, 2)
        notice = notice_with(organisation, register, title=f"Seloste {n}", slug=f"seloste-{n}")
        publish(notice)
        register.name = f"Muutettu {n}"
        register.save()
        PurposeFactory(register=RegisterFactory(controller=organisation, name=f"Irrallinen {n}"))

    add_notice(0)
    client.force_login(officer)
    with_one = queries(client, OVERVIEW)
    for n in range(1, 6):
        add_notice(n)
    assert queries(client, OVERVIEW) == with_one
    assert attention(client).count("on muutettu") == 6
