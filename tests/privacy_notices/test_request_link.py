"""A published notice links the organisation's request form, in its page and its PDF
(GDPR Art. 12(2)); a version published before the form existed reads as it did."""

from __future__ import annotations

from typing import Any

from django.test import Client

from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from privacy_notices.rendering import render_notice_page
from tests.privacy_notices.conftest import page_text, pdf_text


def test_the_page_and_the_pdf_give_the_forms_address(
    client: Client, notice: PrivacyNotice, settings: Any
) -> None:
    settings.SITE_URL = "https://seloste.example.fi"
    version = publish_notice(notice=notice, published_by=None, change_note="1")
    url = "https://seloste.example.fi/oma-organisaatio-oy/pyynto/"
    assert version.content["request_url"] == url
    page = client.get("/oma-organisaatio-oy/tietosuojaseloste/").content.decode()
    assert f'<a href="{url}">{url}</a>' in page
    text = pdf_text(bytes(version.pdf))
    assert "Pyynnön voi lähettää myös verkkolomakkeella:" in text
    # The extraction puts spaces where a long address wraps.
    assert url in text.replace(" ", "")


def test_without_site_url_the_publishers_address_is_used(
    client: Client, notice: PrivacyNotice, officer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(
        "privacy_notices.publishing.render_notice_pdf", lambda content, **kw: b"%PDF-fake"
    )
    client.force_login(officer)
    response = client.post(
        f"/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/julkaise/",
        {"change_note": "Ensimmäinen"},
        HTTP_HOST="localhost",
    )
    assert response.status_code == 302
    version = notice.versions.get()
    assert version.content["request_url"] == "http://localhost/oma-organisaatio-oy/pyynto/"


def test_content_published_before_the_form_renders_without_a_link(
    notice: PrivacyNotice,
) -> None:
    version = publish_notice(notice=notice, published_by=None, change_note="1")
    old = {k: v for k, v in version.content.items() if k != "request_url"}
    text = page_text(render_notice_page(old))
    assert "verkkolomakkeella" not in text
    assert "Oikeuksien käyttäminen" in text
