"""PDFs are laid out in a process of their own, under a time and a memory limit.

A slow or huge document costs the officer who asked for it a Finnish message, never
a 500, and never the web worker's time or memory (privacy_notices/pdf.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from privacy_notices import pdf, pdf_layout
from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.rendering import notice_context
from registers.models import Register
from tests.privacy_notices.conftest import pdf_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ORG = "/hallinta/oma-organisaatio-oy"
HUGE_DESCRIPTION = "Pitkä kuvaus käsittelystä. " * 80_000


def _fail_in_this_process(html: str) -> bytes:
    raise AssertionError("layout ran in the calling process")


def _render_children() -> dict[int, str]:
    """The children of this process's PDF forkserver, and their state (Linux)."""
    parents: dict[int, int] = {}
    states: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        parents[int(entry.name)], states[int(entry.name)] = int(ppid), state
    servers = set()
    for pid, ppid in parents.items():
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if ppid == os.getpid() and b"multiprocessing.forkserver" in command:
            servers.add(pid)
    return {pid: states[pid] for pid, ppid in parents.items() if ppid in servers}


def _notice_html(notice: PrivacyNotice) -> str:
    content = build_notice_content(notice)
    return render_to_string("privacy_notices/notice_pdf.html", notice_context(content))


def test_a_notice_is_laid_out_in_another_process(
    notice: PrivacyNotice, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_layout, "layout_pdf", _fail_in_this_process)
    data = pdf.render_notice_pdf(build_notice_content(notice))
    assert data.startswith(b"%PDF-")
    assert "Asiakasrekisteri" in pdf_text(data)
    assert not multiprocessing.active_children()
    assert _render_children() == {}


def test_the_child_lays_out_the_same_bytes_as_this_process_would(notice: PrivacyNotice) -> None:
    html = _notice_html(notice)
    first = pdf.html_to_pdf(html)
    assert pdf.html_to_pdf(html) == first
    assert pdf_layout.layout_pdf(html) == first


def test_the_child_leaves_this_processs_database_connection_alone(
    notice: PrivacyNotice,
) -> None:
    register = notice.registers.get()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()
    pdf.render_notice_pdf(build_notice_content(notice))
    assert connection.is_usable()
    assert Register.objects.filter(pk=register.pk).exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone() == backend


def test_a_render_past_the_time_limit_is_stopped(
    notice: PrivacyNotice, settings: SettingsWrapper
) -> None:
    settings.PDF_RENDER_TIMEOUT = 0.01
    with pytest.raises(pdf.PdfTooSlow) as raised:
        pdf.render_notice_pdf(build_notice_content(notice))
    assert "kesti liian kauan (yli 0.01 s)" in raised.value.message
    assert not multiprocessing.active_children()
    assert _render_children() == {}  # killed and reaped, not left running or a zombie


def test_a_child_whose_caller_is_gone_ends_at_its_own_cpu_limit(
    notice: PrivacyNotice, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A one-second CPU limit under a ten-second wait: the child's own limit ends it.
    settings.PDF_RENDER_TIMEOUT = 10
    monkeypatch.setattr(pdf, "CPU_LIMIT_MARGIN_SECONDS", -9)
    Register.objects.filter(pk=notice.registers.get().pk).update(description=HUGE_DESCRIPTION)
    with pytest.raises(pdf.PdfTooSlow):
        pdf.render_notice_pdf(build_notice_content(notice))
    assert _render_children() == {}


def test_a_render_past_the_memory_limit_is_stopped(
    notice: PrivacyNotice, settings: SettingsWrapper
) -> None:
    settings.PDF_RENDER_MEMORY_MB = 64
    with pytest.raises(pdf.PdfTooLarge) as raised:
        pdf.render_notice_pdf(build_notice_content(notice))
    assert "muistiraja 64 Mt ylittyi" in raised.value.message
    assert not multiprocessing.active_children()
    assert _render_children() == {}


def test_a_child_killed_by_a_signal_is_taken_for_running_out_of_memory(
    notice: PrivacyNotice,
) -> None:
    # The kernel's OOM killer sends SIGKILL; native code out of memory aborts.
    pdf.render_notice_pdf(build_notice_content(notice))  # the forkserver is up
    Register.objects.filter(pk=notice.registers.get().pk).update(description=HUGE_DESCRIPTION)
    killed: list[int] = []

    def kill_the_child() -> None:
        deadline = time.monotonic() + 10
        while not (children := _render_children()) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(1)  # well into layout, past reading the document
        for pid in children:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    killer = threading.Thread(target=kill_the_child)
    killer.start()
    with pytest.raises(pdf.PdfTooLarge):
        pdf.render_notice_pdf(build_notice_content(notice))
    killer.join()
    assert len(killed) == 1
    assert _render_children() == {}


def test_a_process_that_cannot_be_started_is_a_render_error(
    notice: PrivacyNotice, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_more_processes(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkServerProcess, "start", no_more_processes)
    with pytest.raises(pdf.PdfRenderError) as raised:
        pdf.render_notice_pdf(build_notice_content(notice))
    assert "muodostaminen epäonnistui" in raised.value.message


def test_the_web_process_never_imports_weasyprint() -> None:
    # Everything gunicorn's master loads (config/wsgi.py imports every view), and a
    # management command's worth of the rest: WeasyPrint lives in the children only.
    code = (
        "import sys, config.wsgi, privacy_notices.admin, privacy_notices.publishing;"
        "from registers.management.commands import load_demo;"
        "print(sorted(m for m in sys.modules if m.startswith(('weasyprint', 'pydyf'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def _settings_value(name: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PDF_RENDER_")}
    return subprocess.run(
        [sys.executable, "-c", f"from config import settings; print(settings.{name})"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_limits_are_settings_with_safe_defaults() -> None:
    assert _settings_value("PDF_RENDER_TIMEOUT").stdout.strip() == "20"
    assert _settings_value("PDF_RENDER_MEMORY_MB").stdout.strip() == "1024"
    changed = _settings_value("PDF_RENDER_TIMEOUT", PDF_RENDER_TIMEOUT="45")
    assert changed.stdout.strip() == "45"
    malformed = _settings_value("PDF_RENDER_MEMORY_MB", PDF_RENDER_MEMORY_MB="1G")
    assert malformed.returncode != 0
    assert "PDF_RENDER_MEMORY_MB must be an integer" in malformed.stderr


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
    Register.objects.filter(pk=notice.registers.get().pk).update(description=HUGE_DESCRIPTION)
    settings.PDF_RENDER_TIMEOUT = 1
    client.force_login(officer)
    response = client.get(f"{ORG}/selosteet/{notice.pk}/esikatselu.pdf", follow=True)
    assert response.status_code == 200
    assert "kesti liian kauan (yli 1 s)" in response.content.decode()
    assert not NoticeVersion.objects.exists()
    assert _render_children() == {}


def test_a_script_without_a_main_guard_renders_once(tmp_path: Path) -> None:
    # multiprocessing would run the caller's __main__ again in each child, and this
    # script would render again there; the forkserver's children skip it.
    script = tmp_path / "render.py"
    script.write_text(
        "import django\n"
        "django.setup()\n"
        "from privacy_notices import pdf, pdf_layout\n"
        "print('rendering')\n"
        "print(pdf.html_to_pdf(pdf_layout.WARM_UP_HTML)[:5])\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n") == ["rendering", "b'%PDF-'", ""]
