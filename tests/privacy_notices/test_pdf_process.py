"""PDFs are laid out in a process of their own, under a time and a memory limit.

A slow or huge document costs the officer who asked for it a Finnish message, never
a 500, and never the web worker's time or memory (privacy_notices/pdf.py).
"""

from __future__ import annotations

import multiprocessing

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from privacy_notices import pdf
from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.models import NoticeVersion, PrivacyNotice
from registers.models import Register
from tests.privacy_notices.conftest import pdf_text

pytestmark = pytest.mark.django_db

ORG = "/hallinta/oma-organisaatio-oy"


def _fail_in_this_process(html: str) -> bytes:
    raise AssertionError("layout ran in the calling process")


def test_a_notice_is_laid_out_in_another_process(
    notice: PrivacyNotice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "layout_pdf", _fail_in_this_process)
    data = pdf.render_notice_pdf(build_notice_content(notice))
    assert data.startswith(b"%PDF-")
    assert "Asiakasrekisteri" in pdf_text(data)
    assert not multiprocessing.active_children()
    # The child never touched this process's database connection.
    assert Register.objects.filter(pk=notice.registers.get().pk).exists()
    assert connection.is_usable()


def test_a_render_past_the_time_limit_is_stopped(
    notice: PrivacyNotice, settings: SettingsWrapper
) -> None:
    settings.PDF_RENDER_TIMEOUT = 0.01
    with pytest.raises(pdf.PdfTooSlow) as raised:
        pdf.render_notice_pdf(build_notice_content(notice))
    assert "kesti liian kauan (yli 0.01 s)" in raised.value.message
    assert not multiprocessing.active_children()


def test_a_render_past_the_memory_limit_is_stopped(
    notice: PrivacyNotice, settings: SettingsWrapper
) -> None:
    settings.PDF_RENDER_MEMORY_MB = 64
    with pytest.raises(pdf.PdfTooLarge) as raised:
        pdf.render_notice_pdf(build_notice_content(notice))
    assert "muistiraja 64 Mt ylittyi" in raised.value.message
    assert not multiprocessing.active_children()


def test_the_limits_are_settings_with_safe_defaults() -> None:
    from django.conf import settings

    assert settings.PDF_RENDER_TIMEOUT == 20
    assert settings.PDF_RENDER_MEMORY_MB == 2048


def _too_slow(*args: object, **kwargs: object) -> bytes:
    raise pdf.PdfTooSlow("PDF-tiedoston muodostaminen kesti liian kauan (testi).")


def test_a_failed_render_publishes_nothing_and_keeps_what_was_typed(
    client: Client, officer: User, incomplete: PrivacyNotice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", _too_slow)
    client.force_login(officer)
    codes = [f.code for f in check_notice(incomplete) if f.blocking]
    response = client.post(
        f"{ORG}/selosteet/{incomplete.pk}/julkaise/",
        {"change_note": "Uusi tarkoitus lisätty", "acknowledged": codes},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "PDF-tiedoston muodostaminen kesti liian kauan (testi)." in body
    assert "Uusi tarkoitus lisätty" in body
    assert body.count(" checked") == len(codes) > 0
    assert not NoticeVersion.objects.exists()


def test_a_failed_preview_returns_to_the_notice_with_the_message(
    client: Client, officer: User, notice: PrivacyNotice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("privacy_notices.views.render_notice_pdf", _too_slow)
    client.force_login(officer)
    response = client.get(f"{ORG}/selosteet/{notice.pk}/esikatselu.pdf", follow=True)
    assert response.redirect_chain == [(f"{ORG}/selosteet/{notice.pk}/", 302)]
    assert "kesti liian kauan (testi)" in response.content.decode()


def test_a_failed_record_pdf_returns_to_the_notices_with_the_message(
    client: Client, officer: User, notice: PrivacyNotice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("privacy_notices.views.render_record_pdf", _too_slow)
    client.force_login(officer)
    response = client.get(f"{ORG}/seloste-kasittelytoimista.pdf", follow=True)
    assert response.redirect_chain == [(f"{ORG}/selosteet/", 302)]
    assert "kesti liian kauan (testi)" in response.content.decode()


def test_a_register_with_megabytes_of_text_gets_a_message_not_a_500(
    client: Client, officer: User, notice: PrivacyNotice, settings: SettingsWrapper
) -> None:
    # Written past the model's length limits, as data from before them could be.
    Register.objects.filter(pk=notice.registers.get().pk).update(
        description="Pitkä kuvaus käsittelystä. " * 80_000
    )
    settings.PDF_RENDER_TIMEOUT = 1
    client.force_login(officer)
    response = client.get(f"{ORG}/selosteet/{notice.pk}/esikatselu.pdf", follow=True)
    assert response.status_code == 200
    assert "kesti liian kauan (yli 1 s)" in response.content.decode()
    assert not multiprocessing.active_children()
