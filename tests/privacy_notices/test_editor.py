from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.checks import check_notice
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, MembershipRole
from tests.factories import MembershipFactory, UserFactory, notice_with
from tests.privacy_notices.conftest import pdf_text

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"


def _urls(notice: PrivacyNotice) -> list[str]:
    return [
        f"{ORG}/selosteet/",
        f"{ORG}/selosteet/{notice.pk}/",
        f"{ORG}/selosteet/{notice.pk}/esikatselu/",
        f"{ORG}/selosteet/{notice.pk}/versiot/1/",
        f"{ORG}/selosteet/{notice.pk}/julkaise/",
        f"{ORG}/seloste-kasittelytoimista.pdf",
        f"{ORG}/seloste-kasittelytoimista.csv",
    ]


def test_the_officer_sees_the_notices_and_their_check(
    client: Client, officer: User, incomplete: PrivacyNotice
) -> None:
    client.force_login(officer)
    listing = client.get(f"{ORG}/selosteet/").content.decode()
    assert f'href="{ORG}/selosteet/{incomplete.pk}/"' in listing
    body = client.get(f"{ORG}/selosteet/{incomplete.pk}/").content.decode()
    assert "Säilytysaika puuttuu rekisteristä Asiakasrekisteri (13 art. 2 a, 14 art. 2 a)" in body
    register_pk = incomplete.registers.get().pk
    assert f'href="{ORG}/rekisterit/{register_pk}/#sailytys"' in body


def test_outsiders_get_404_for_every_notice_page(
    client: Client, outsider: User, notice: PrivacyNotice, officer: User
) -> None:
    publish_notice(notice=notice, published_by=officer, change_note="x")
    client.force_login(outsider)
    for url in _urls(notice):
        assert client.get(url).status_code == 404, url
    response = client.post(f"{ORG}/selosteet/{notice.pk}/julkaise/", {"change_note": "x"})
    assert response.status_code == 404
    assert NoticeVersion.objects.count() == 1


def test_a_notice_of_another_organisation_is_404_under_ours(
    client: Client, officer: User, other_organisation: Controller
) -> None:
    theirs = notice_with(other_organisation, slug="muu")
    client.force_login(officer)
    assert client.get(f"{ORG}/selosteet/{theirs.pk}/").status_code == 404
    assert client.get(f"{ORG}/selosteet/{theirs.pk}/esikatselu/").status_code == 404


def test_the_preview_shows_the_draft_and_is_never_cached_or_public(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    assert client.get(f"{ORG}/selosteet/{notice.pk}/esikatselu/").status_code == 302
    client.force_login(officer)
    response = client.get(f"{ORG}/selosteet/{notice.pk}/esikatselu/")
    assert response.status_code == 200
    assert "purpose-consent" in response.content.decode()
    assert "Luonnos" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not NoticeVersion.objects.exists()


def test_the_draft_pdf_is_rendered_on_request_and_never_stored(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    url = f"{ORG}/selosteet/{notice.pk}/esikatselu.pdf"
    assert client.get(url).status_code == 302
    client.force_login(officer)
    detail = client.get(f"{ORG}/selosteet/{notice.pk}/").content.decode()
    assert f'href="{url}"' in detail

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "purpose-consent" in text
    assert "luonnos" in text
    assert not NoticeVersion.objects.exists()


def test_publishing_creates_a_version_and_redirects(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    response = client.post(
        f"{ORG}/selosteet/{notice.pk}/julkaise/", {"change_note": "Ensimmäinen versio"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{ORG}/selosteet/{notice.pk}/"
    version = NoticeVersion.objects.get()
    assert (version.number, version.published_by, version.change_note) == (
        1,
        officer,
        "Ensimmäinen versio",
    )


def test_the_publish_url_only_takes_post(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    assert client.get(f"{ORG}/selosteet/{notice.pk}/julkaise/").status_code == 405


def test_publishing_without_a_change_note_saves_nothing(
    client: Client, officer: User, notice: PrivacyNotice
) -> None:
    client.force_login(officer)
    response = client.post(f"{ORG}/selosteet/{notice.pk}/julkaise/", {"change_note": ""})
    assert response.status_code == 400
    assert not NoticeVersion.objects.exists()


def test_publishing_an_incomplete_notice_needs_each_item_acknowledged(
    client: Client, officer: User, incomplete: PrivacyNotice
) -> None:
    client.force_login(officer)
    codes = [f.code for f in check_notice(incomplete) if f.blocking]
    url = f"{ORG}/selosteet/{incomplete.pk}/julkaise/"
    response = client.post(url, {"change_note": "x", "acknowledged": codes[:-1]})
    assert response.status_code == 400
    assert "Korjaa puutteet tai kuittaa jokainen" in response.content.decode()
    assert not NoticeVersion.objects.exists()
    response = client.post(url, {"change_note": "x", "acknowledged": codes})
    assert response.status_code == 302
    assert [i["code"] for i in NoticeVersion.objects.get().acknowledged_issues] == codes


def test_a_viewer_cannot_publish(
    client: Client, organisation: Controller, notice: PrivacyNotice
) -> None:
    viewer = MembershipFactory(
        user=UserFactory(username="viewer"), controller=organisation, role=MembershipRole.VIEWER
    ).user
    client.force_login(viewer)
    assert client.get(f"{ORG}/selosteet/{notice.pk}/").status_code == 200
    response = client.post(f"{ORG}/selosteet/{notice.pk}/julkaise/", {"change_note": "x"})
    assert response.status_code == 403
    assert not NoticeVersion.objects.exists()


def test_the_version_page_shows_what_was_acknowledged(
    client: Client, officer: User, incomplete: PrivacyNotice
) -> None:
    codes = [f.code for f in check_notice(incomplete) if f.blocking]
    publish_notice(notice=incomplete, published_by=officer, change_note="x", acknowledged=codes)
    client.force_login(officer)
    body = client.get(f"{ORG}/selosteet/{incomplete.pk}/versiot/1/").content.decode()
    assert "Säilytysaika puuttuu rekisteristä Asiakasrekisteri" in body


def test_the_notice_list_costs_a_fixed_number_of_queries(
    client: Client,
    officer: User,
    organisation: Controller,
    notice: PrivacyNotice,
    django_assert_max_num_queries: object,
) -> None:
    publish_notice(notice=notice, published_by=officer, change_note="x")
    for n in range(3):
        other = notice_with(organisation, slug=f"seloste-{n}")
        publish_notice(
            notice=other,
            published_by=officer,
            change_note="x",
            acknowledged=[f.code for f in check_notice(other)],
        )
    client.force_login(officer)
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert client.get(f"{ORG}/selosteet/").status_code == 200
