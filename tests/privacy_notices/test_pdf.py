from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.db.models import SlugField
from django.test import Client
from pypdf import PdfReader

from privacy_notices import pdf_layout
from privacy_notices.models import PrivacyNotice
from privacy_notices.pdf_layout import RefusedURL, StaticFilesURLFetcher, static_path_for
from privacy_notices.publishing import publish_notice
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataSubjectCategory,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Source,
    Transfer,
)
from tests.privacy_notices.conftest import pdf_text

pytestmark = pytest.mark.django_db

ATTACK = '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'


def test_the_pdf_has_the_notice_text_and_a_footer_with_organisation_version_and_page(
    notice: PrivacyNotice, officer: User
) -> None:
    version = publish_notice(notice=notice, published_by=officer, change_note="Ensimmäinen")
    data = bytes(version.pdf)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Tietosuojaseloste" in text
    assert "purpose-consent" in text
    assert "Oikeus tehdä valitus valvontaviranomaiselle" in text
    assert "Oma Organisaatio Oy · versio 1," in text
    assert "Sivu 1 /" in text
    # Finnish characters come through the embedded font.
    assert "Säilytysaika" in text and "Yhteyshenkilö" in text
    # The summary prints, with the request form's address beside its link; the
    # contents (no page numbers) and its "read more" links do not.
    assert "Lyhyesti" in text and "Kuka käsittelee tietojasi" in text
    assert f"verkkolomakkeella ({version.content['request_url']})" in text.replace("/ ", "/")
    assert "Sisällys" not in text and "Lue lisää" not in text


def test_the_preview_pdf_names_the_version_number_publishing_would_give(
    client: Client, notice: PrivacyNotice, officer: User
) -> None:
    publish_notice(notice=notice, published_by=officer, change_note="Ensimmäinen")
    client.force_login(officer)
    response = client.get(f"/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/esikatselu.pdf")
    data = response.content
    assert response.status_code == 200 and data.startswith(b"%PDF")
    assert PdfReader(io.BytesIO(data)).metadata["/Subject"] == (
        "Tietosuojaseloste, luonnos versioksi 2"
    )
    assert "Oma Organisaatio Oy · luonnos versioksi 2" in pdf_text(data)


def test_a_published_pdf_names_its_version_in_its_metadata(
    notice: PrivacyNotice, officer: User
) -> None:
    version = publish_notice(notice=notice, published_by=officer, change_note="x")
    metadata = PdfReader(io.BytesIO(bytes(version.pdf))).metadata
    assert metadata["/Subject"] == "Tietosuojaseloste, versio 1"


def test_the_pdf_embeds_the_vendored_font_and_is_tagged(
    notice: PrivacyNotice, officer: User
) -> None:
    version = publish_notice(notice=notice, published_by=officer, change_note="x")
    reader = PdfReader(io.BytesIO(bytes(version.pdf)))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Seloste-Sans" in name for name in fonts)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.com/static/x.css",
        "data:text/css,body{}",
        "ftp://example.com/x",
        f"{pdf_layout.STATIC_ORIGIN}/etc/passwd",
        f"{pdf_layout.STATIC_ORIGIN}/static/../config/settings.py",
        f"{pdf_layout.STATIC_ORIGIN}/static/%2e%2e/config/settings.py",
        f"{pdf_layout.STATIC_ORIGIN}/static//etc/passwd",
        f"{pdf_layout.STATIC_ORIGIN}/static/privacy_notices/nonexistent.css",
    ],
)
def test_the_url_fetcher_refuses_everything_but_static_files(url: str) -> None:
    with pytest.raises(RefusedURL):
        StaticFilesURLFetcher().fetch(url)


def test_the_url_fetcher_serves_the_apps_static_files() -> None:
    response = StaticFilesURLFetcher().fetch(
        f"{pdf_layout.STATIC_BASE_URL}privacy_notices/fonts/DejaVuSans.ttf"
    )
    assert response.read(4) == b"\x00\x01\x00\x00"
    assert static_path_for(f"{pdf_layout.STATIC_BASE_URL}privacy_notices/notice-print.css") == (
        "privacy_notices/notice-print.css"
    )


def test_user_text_cannot_make_weasyprint_fetch_a_file_or_url(
    organisation: Controller, notice: PrivacyNotice, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every free-text field of the notice, its organisation and its register carries it.
    for queryset in (
        Controller.objects.filter(pk=organisation.pk),
        PrivacyNotice.objects.filter(pk=notice.pk),
        Register.objects.filter(controller=organisation),
        Purpose.objects.filter(register__controller=organisation),
        DataSubjectCategory.objects.filter(register__controller=organisation),
        Transfer.objects.filter(register__controller=organisation),
        RetentionRule.objects.filter(register__controller=organisation),
        Cookie.objects.filter(register__controller=organisation),
        DataCategory.objects.filter(controller=organisation),
        Source.objects.filter(controller=organisation),
        Recipient.objects.filter(controller=organisation),
        SecurityMeasure.objects.filter(controller=organisation),
    ):
        fields = {
            f.name: ATTACK
            for f in queryset.model._meta.concrete_fields
            if f.get_internal_type() in ("TextField", "CharField")
            and not f.choices
            and (f.max_length is None or f.max_length >= len(ATTACK))
            and not isinstance(f, SlugField)
        }
        assert queryset.update(**fields) >= 1
    fetched: list[str] = []
    original = StaticFilesURLFetcher.fetch

    def spy(self: StaticFilesURLFetcher, url: str, headers: object = None) -> object:
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFilesURLFetcher, "fetch", spy)
    # Layout in this process, so that the spy sees the fetches (it normally runs in a
    # child process: tests/privacy_notices/test_pdf_process.py).
    monkeypatch.setattr("privacy_notices.pdf.html_to_pdf", pdf_layout.layout_pdf)
    version = publish_notice(notice=notice, published_by=officer, change_note=ATTACK)
    assert fetched and all(url.startswith(pdf_layout.STATIC_BASE_URL) for url in fetched)
    text = pdf_text(bytes(version.pdf))
    assert '<img src="file:///etc/passwd">' in text
    assert "root:" not in text
    assert "<img" not in version.rendered_html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in version.rendered_html
