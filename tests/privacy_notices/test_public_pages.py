from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, LegalBasis, Purpose
from tests.factories import complete_register, notice_with

pytestmark = pytest.mark.django_db

BASE = "/oma-organisaatio-oy/tietosuojaseloste"


def _publish(notice: PrivacyNotice, officer: User, note: str = "Muutos") -> NoticeVersion:
    return publish_notice(notice=notice, published_by=officer, change_note=note)


def test_the_organisation_page_lists_its_published_notices_only(
    client: Client, organisation: Controller, notice: PrivacyNotice, officer: User
) -> None:
    notice_with(organisation, title="Luonnos ilman julkaisua", slug="luonnos")
    _publish(notice, officer)
    _publish(notice, officer, "Toinen")
    body = client.get("/oma-organisaatio-oy/").content.decode()
    assert f'href="{BASE}/"' in body
    assert body.count(f'href="{BASE}/"') == 1  # one row per notice, not per version
    assert "versio 2, päivitetty" in body
    assert "Luonnos ilman julkaisua" not in body


def test_the_notice_url_shows_the_newest_version(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer, "Ensimmäinen")
    Purpose.objects.filter(description="purpose-consent").update(description="uusi-tarkoitus")
    _publish(notice, officer, "Toinen")
    body = client.get(f"{BASE}/").content.decode()
    assert "uusi-tarkoitus" in body
    assert "Versio 2" in body


def test_each_page_links_its_pdf_json_and_version_list(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer)
    for url in (f"{BASE}/", f"{BASE}/1/"):
        hrefs = re.findall(r'href="([^"]+)"', client.get(url).content.decode())
        assert f"{BASE}/1.pdf" in hrefs
        assert f"{BASE}/1.json" in hrefs
        assert f"{BASE}/versiot/" in hrefs


def test_publishing_twice_keeps_the_first_version_byte_identical_at_its_url(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer, "Ensimmäinen")
    before = client.get(f"{BASE}/1/").content
    pdf_before = client.get(f"{BASE}/1.pdf").content
    json_before = client.get(f"{BASE}/1.json").content
    Purpose.objects.filter(description="purpose-consent").update(description="uusi-tarkoitus")
    _publish(notice, officer, "Toinen")
    assert client.get(f"{BASE}/1/").content == before
    assert client.get(f"{BASE}/1.pdf").content == pdf_before
    assert client.get(f"{BASE}/1.json").content == json_before
    assert b"uusi-tarkoitus" not in before
    assert b"uusi-tarkoitus" in client.get(f"{BASE}/2/").content


def test_versioned_urls_are_cached_forever(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer)
    for url in (f"{BASE}/1/", f"{BASE}/1.pdf", f"{BASE}/1.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_newest_version_url_answers_304_to_its_etag(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    version = _publish(notice, officer)
    response = client.get(f"{BASE}/")
    assert response["ETag"] == f'"{version.html_sha256}"'
    # Browsers revalidate every time; a shared cache (nginx) may keep it 10 seconds.
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=10"
    again = client.get(f"{BASE}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    _publish(notice, officer, "Toinen")
    assert client.get(f"{BASE}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_the_lists_that_change_on_publishing_are_shared_for_seconds_only(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer)
    for url in ("/oma-organisaatio-oy/", f"{BASE}/versiot/"):
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=10", url


def test_public_pages_set_no_cookies_and_have_no_forms(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer)
    for url in ("/oma-organisaatio-oy/", f"{BASE}/", f"{BASE}/1/", f"{BASE}/versiot/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "<form" not in response.content.decode(), url
        assert "Cookie" not in response.get("Vary", ""), url


def test_the_json_document_is_the_frozen_content_with_metadata(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    version = _publish(notice, officer)
    response = client.get(f"{BASE}/1.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    assert document["version"] == 1
    assert document["organisation"] == "oma-organisaatio-oy"
    assert document["pdf_sha256"] == version.pdf_sha256
    assert document["content"] == version.content
    assert document["content"]["registers"][0]["purposes"][0]["legal_basis"] == "consent"


def test_the_pdf_is_served_from_the_stored_bytes(
    client: Client, notice: PrivacyNotice, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = _publish(notice, officer)

    def fail(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a download must not render")

    monkeypatch.setattr("privacy_notices.pdf.html_to_pdf", fail)
    response = client.get(f"{BASE}/1.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(version.pdf)


def test_the_version_list_shows_every_version_with_its_note(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer, "Ensimmäinen")
    _publish(notice, officer, "Toinen")
    body = client.get(f"{BASE}/versiot/").content.decode()
    assert "Ensimmäinen" in body and "Toinen" in body
    assert f'href="{BASE}/1/"' in body and f'href="{BASE}/2/"' in body


@pytest.mark.parametrize(
    "url",
    [
        "/tuntematon-oy/",
        "/oma-organisaatio-oy/tuntematon/",
        f"{BASE}/",
        f"{BASE}/1/",
        f"{BASE}/1.pdf",
        f"{BASE}/1.json",
        f"{BASE}/versiot/",
    ],
)
def test_unpublished_notices_and_unknown_slugs_are_404(
    client: Client, notice: PrivacyNotice, url: str
) -> None:
    assert client.get(url).status_code == 404


def test_an_unknown_version_number_is_404(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    _publish(notice, officer)
    assert client.get(f"{BASE}/2/").status_code == 404
    assert client.get(f"{BASE}/2.pdf").status_code == 404


def test_another_organisations_notice_is_not_found_under_our_slug(
    client: Client, other_organisation: Controller, officer: User
) -> None:
    theirs = notice_with(
        other_organisation, complete_register(other_organisation), slug="tietosuojaseloste"
    )
    _publish(theirs, officer)
    assert client.get(f"{BASE}/").status_code == 404
    assert client.get("/vieras-yritys-oy/tietosuojaseloste/").status_code == 200


def test_the_public_page_costs_a_fixed_number_of_queries_whatever_the_size(
    client: Client,
    organisation: Controller,
    officer: User,
    django_assert_max_num_queries: object,
) -> None:
    registers = [complete_register(organisation, f"Rekisteri {n}") for n in range(12)]
    for register in registers:
        for n in range(20):
            Purpose.objects.create(
                register=register, description=f"Tarkoitus {n}", legal_basis=LegalBasis.CONTRACT
            )
    big = notice_with(organisation, *registers, slug="iso")
    publish_notice(notice=big, published_by=officer, change_note="x")
    publish_notice(notice=big, published_by=officer, change_note="y")
    for url in (
        "/oma-organisaatio-oy/iso/",
        "/oma-organisaatio-oy/iso/1/",
        "/oma-organisaatio-oy/iso/1.pdf",
        "/oma-organisaatio-oy/iso/1.json",
        "/oma-organisaatio-oy/iso/versiot/",
        "/oma-organisaatio-oy/",
    ):
        with django_assert_max_num_queries(2):  # type: ignore[operator]
            assert client.get(url).status_code == 200


def test_the_newest_page_is_served_from_process_memory_until_a_publish(
    client: Client,
    notice: PrivacyNotice,
    officer: User,
    django_assert_num_queries: Callable[..., ContextManager[object]],
) -> None:
    _publish(notice, officer)
    first = client.get(f"{BASE}/")
    with django_assert_num_queries(0):
        again = client.get(f"{BASE}/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    second = _publish(notice, officer, "Toinen")
    # The publishing process forgets its memory at once.
    assert client.get(f"{BASE}/")["ETag"] == f'"{second.html_sha256}"'


def test_another_process_shows_a_new_version_within_the_local_lifetime(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    assert django_settings.CACHES["public_pages"]["TIMEOUT"] == 1
    first = _publish(notice, officer)
    # The clock stands still between the reads, however long publishing (a PDF) takes.
    now = time.time()
    with mock.patch("time.time", return_value=now):
        client.get(f"{BASE}/")
    # As seen by another worker: the publish happened elsewhere, nothing forgot.
    with mock.patch("privacy_notices.publishing.forget_newest"):
        second = _publish(notice, officer, "Toinen")
    with mock.patch("time.time", return_value=now + 0.9):
        assert client.get(f"{BASE}/")["ETag"] == f'"{first.html_sha256}"'
    with mock.patch("time.time", return_value=now + 1.01):
        assert client.get(f"{BASE}/")["ETag"] == f'"{second.html_sha256}"'
