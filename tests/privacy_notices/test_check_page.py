"""The check page: draft vs published differences, acknowledging all gaps, publishing once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.differences import draft_differs, section_differences
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller
from tests.privacy_notices.conftest import FAKE_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", lambda content: FAKE_PDF)


def detail(notice: PrivacyNotice) -> str:
    return f"/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/"


def publish(notice: PrivacyNotice) -> NoticeVersion:
    missing = [f.code for f in check_notice(notice) if f.blocking]
    return publish_notice(notice=notice, published_by=None, change_note="1", acknowledged=missing)


def section(body: str, anchor: str) -> str:
    start = body.index(f'id="{anchor}"')
    return body[start : body.index("</section>", start)]


# --- Differences ---------------------------------------------------------------------


def test_an_unpublished_notice_says_publishing_makes_the_first_version(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    body = client.get(detail(notice)).content.decode()
    assert "Selostetta ei ole vielä julkaistu" in section(body, "erot")


def test_a_draft_equal_to_the_published_version_says_so(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    publish(notice)
    client.force_login(officer)
    body = client.get(detail(notice)).content.decode()
    assert "Luonnos on sama kuin julkaistu versio 1" in section(body, "erot")


def test_a_changed_register_is_shown_section_by_section(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    publish(notice)
    register = notice.registers.get()
    register.name = "Jäsenrekisteri"
    register.save()
    purpose = register.purposes.first()
    old_description = purpose.description
    purpose.description = "Jäsenyyden hoitaminen"
    purpose.save()
    client.force_login(officer)
    erot = section(client.get(detail(notice)).content.decode(), "erot")
    assert "Luonnos poikkeaa julkaistusta versiosta 1." in erot
    assert "<ins>Jäsenrekisteri</ins>" in erot
    assert "<del>Asiakasrekisteri</del>" in erot
    assert "Jäsenyyden hoitaminen" in erot
    assert old_description in erot
    assert "Käsittelyn tarkoitus ja oikeusperuste" in erot


def test_differences_ignore_what_publishing_adds(notice: PrivacyNotice) -> None:
    version = publish(notice)
    draft = build_notice_content(notice)
    assert not draft_differs(draft, version.content)
    assert section_differences(draft, version.content) == []


def test_a_removed_line_of_the_controller_is_shown_removed(
    notice: PrivacyNotice, organisation: Controller
) -> None:
    organisation.phone = "09 123 4567"
    organisation.save()
    version = publish(notice)
    organisation.phone = ""
    organisation.save()
    differences = section_differences(build_notice_content(notice), version.content)
    assert [(d.title, d.removed, d.added) for d in differences] == [
        ("Rekisterinpitäjä", ["Puhelin: 09 123 4567"], [])
    ]


def test_a_changed_introduction_shows_under_the_title_and_introduction(
    notice: PrivacyNotice,
) -> None:
    notice.intro = "Kerromme tässä, miten käsittelemme tietojasi."
    notice.save()
    version = publish(notice)
    notice.intro = "Kerromme tässä, miten käsittelemme asiakkaidemme tietoja."
    notice.save()
    differences = section_differences(build_notice_content(notice), version.content)
    assert [(d.title, d.removed, d.added) for d in differences] == [
        (
            "Otsikko ja johdanto",
            ["Kerromme tässä, miten käsittelemme tietojasi."],
            ["Kerromme tässä, miten käsittelemme asiakkaidemme tietoja."],
        )
    ]


# --- Acknowledging all gaps at once ---------------------------------------------------


def post(client: Client, notice: PrivacyNotice, **data: Any) -> Any:
    return client.post(f"{detail(notice)}julkaise/", {"change_note": "Muutos", **data})


def test_acknowledging_all_stores_the_one_reason_with_each_gap(
    client: Client, officer: User, incomplete: PrivacyNotice
) -> None:
    missing = [f.code for f in check_notice(incomplete) if f.blocking]
    assert len(missing) > 1
    client.force_login(officer)
    response = post(
        client,
        incomplete,
        acknowledge_all="on",
        acknowledgement_reason="Täydennetään ensi viikolla",
    )
    assert response.status_code == 302
    issues = NoticeVersion.objects.get().acknowledged_issues
    assert [i["code"] for i in issues] == missing
    assert {i["reason"] for i in issues} == {"Täydennetään ensi viikolla"}
    # The version's page in the editor shows the reason beside each gap.
    page = client.get(f"{detail(incomplete)}versiot/1/").content.decode()
    assert page.count("Perustelu: Täydennetään ensi viikolla") == len(missing)


def test_acknowledging_all_without_a_reason_is_refused_and_keeps_the_note(
    client: Client, officer: User, incomplete: PrivacyNotice
) -> None:
    client.force_login(officer)
    response = post(client, incomplete, acknowledge_all="on", change_note="Oma muutoskuvaus")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kerro, miksi julkaiset puutteista huolimatta, kun kuittaat kaikki." in body
    assert "Oma muutoskuvaus" in body
    assert not NoticeVersion.objects.exists()


def test_each_gap_can_still_be_acknowledged_on_its_own(
    client: Client, officer: User, incomplete: PrivacyNotice
) -> None:
    missing = [f.code for f in check_notice(incomplete) if f.blocking]
    client.force_login(officer)
    assert post(client, incomplete, acknowledged=missing[1:]).status_code == 400
    response = post(client, incomplete, acknowledged=missing)
    assert response.status_code == 302
    issues = NoticeVersion.objects.get().acknowledged_issues
    assert [i["code"] for i in issues] == missing
    assert all("reason" not in i for i in issues)


def test_a_complete_notice_offers_nothing_to_acknowledge(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    assert not [f for f in check_notice(notice) if f.blocking]
    client.force_login(officer)
    body = client.get(detail(notice)).content.decode()
    assert "Kuittaa kaikki" not in body


# --- Publishing once -----------------------------------------------------------------


def test_the_same_form_sent_twice_publishes_once(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    body = client.get(detail(notice)).content.decode()
    assert 'name="number" value="1"' in body
    first = post(client, notice, number=1)
    second = post(client, notice, number=1)
    assert (first.status_code, second.status_code) == (302, 302)
    assert NoticeVersion.objects.filter(notice=notice).count() == 1
    page = client.get(second["Location"]).content.decode()
    assert "Versio 1 on jo julkaistu, joten lomaketta ei julkaistu toiseen kertaan." in page
    assert 'name="number" value="2"' in page


def test_the_publish_button_says_it_is_working(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    body = client.get(detail(notice)).content.decode()
    assert 'data-busy-text="Julkaistaan…"' in body
    assert "privacy_notices/publish.js" in body


def test_a_viewer_cannot_publish_and_sees_no_form(
    client: Client, viewer: User, notice: PrivacyNotice
) -> None:
    client.force_login(viewer)
    body = client.get(detail(notice)).content.decode()
    assert "data-publish-form" not in body
    assert post(client, notice, number=1).status_code == 403
    assert not NoticeVersion.objects.exists()


def test_an_outsider_gets_404(client: Client, outsider: User, notice: PrivacyNotice) -> None:
    client.force_login(outsider)
    assert client.get(detail(notice)).status_code == 404
    assert post(client, notice, number=1).status_code == 404
