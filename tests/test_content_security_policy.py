"""Every page sends a Content-Security-Policy without 'unsafe-inline', and a
Permissions-Policy; public pages run nothing at all."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
import simple_history
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, Register
from tests.factories import complete_register, notice_with

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
ORG = "/oma-organisaatio-oy"
NOTICE = f"{ORG}/tietosuojaseloste"


def policy(response: object) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def style_hash(css: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(css).digest()).decode() + "'"


@pytest.fixture
def version(organisation: Controller, officer: User) -> NoticeVersion:
    register = complete_register(organisation, "Julkaistu rekisteri")
    notice = notice_with(organisation, register, slug="tietosuojaseloste")
    return publish_notice(notice=notice, published_by=officer, change_note="Ensimmäinen")


def _assert_safe(response: object, url: str) -> dict[str, list[str]]:
    assert response.status_code in (200, 304), url  # type: ignore[attr-defined]
    directives = policy(response)
    sources = [source for values in directives.values() for source in values]
    assert "'unsafe-inline'" not in sources, url
    assert "'unsafe-eval'" not in sources, url
    assert "'unsafe-hashes'" not in sources, url
    assert directives["object-src"] == ["'none'"], url
    assert directives["base-uri"] == ["'none'"], url
    assert directives["frame-ancestors"] == ["'none'"], url
    assert "camera=()" in response["Permissions-Policy"], url  # type: ignore[index]
    return directives


def test_the_signed_out_pages_and_the_admin_login_send_the_site_policy(client: Client) -> None:
    for url in ("/", "/accounts/login/", "/admin/login/"):
        directives = _assert_safe(client.get(url), url)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["form-action"] == ["'self'"], url


def test_the_editor_and_the_admin_send_the_site_policy(
    client: Client, officer: User, staff: User, register: Register, version: NoticeVersion
) -> None:
    client.force_login(officer)
    for url in (
        f"/hallinta{ORG}/",  # the dashboard of a member of one organisation
        f"/hallinta{ORG}/rekisterit/{register.pk}/",
        f"/hallinta{ORG}/selosteet/{version.notice_id}/",
    ):
        directives = _assert_safe(client.get(url), url)
        assert directives["script-src"] == ["'self'"], url
    client.force_login(staff)
    for url in (
        "/admin/",
        f"/admin/registers/register/{register.pk}/change/",
        f"/admin/registers/register/{register.pk}/history/",
    ):
        directives = _assert_safe(client.get(url), url)
        assert directives["style-src"] == ["'self'"], url


def test_public_pages_run_no_script_and_send_no_form(
    client: Client, version: NoticeVersion
) -> None:
    for url in (
        f"{ORG}/",
        f"{NOTICE}/",
        f"{NOTICE}/1/",
        f"{NOTICE}/versiot/",
        f"{NOTICE}/1.pdf",
        f"{NOTICE}/1.json",
    ):
        response = client.get(url)
        directives = _assert_safe(response, url)
        assert directives["default-src"] == ["'none'"], url
        assert directives["script-src"] == ["'none'"], url
        assert directives["form-action"] == ["'none'"], url
        # The policy adds no cookie and no Vary: nginx keeps one copy for everybody.
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_a_notice_page_allows_exactly_its_stored_stylesheet_by_hash(
    client: Client, version: NoticeVersion
) -> None:
    css = (ROOT / "static" / "privacy_notices" / "notice.css").read_bytes()
    stored = re.search(r"<style>(.*?)</style>", version.rendered_html, re.S)
    assert stored is not None
    assert stored.group(1).encode() == css
    for url in (f"{NOTICE}/", f"{NOTICE}/1/"):
        assert policy(client.get(url))["style-src"] == [style_hash(css)], url


def test_a_304_carries_the_policy_of_the_page_the_browser_keeps(
    client: Client, version: NoticeVersion
) -> None:
    # A browser replaces its cached copy's headers with those of the 304.
    first = client.get(f"{NOTICE}/")
    again = client.get(f"{NOTICE}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_an_old_version_keeps_the_hash_of_its_own_stylesheet(
    client: Client,
    organisation: Controller,
    officer: User,
    version: NoticeVersion,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Version 2 is published after notice.css changed; version 1 keeps its old CSS.
    css = (ROOT / "static" / "privacy_notices" / "notice.css").read_bytes()
    monkeypatch.setattr("privacy_notices.rendering._static_text", lambda path: "p{color:red}")
    publish_notice(notice=version.notice, published_by=officer, change_note="Toinen")
    assert policy(client.get(f"{NOTICE}/1/"))["style-src"] == [style_hash(css)]
    assert policy(client.get(f"{NOTICE}/2/"))["style-src"] == [style_hash(b"p{color:red}")]
    assert policy(client.get(f"{NOTICE}/"))["style-src"] == [style_hash(b"p{color:red}")]


def test_the_draft_preview_has_the_public_page_policy(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice: PrivacyNotice = notice_with(organisation, complete_register(organisation))
    client.force_login(officer)
    response = client.get(f"/hallinta{ORG}/selosteet/{notice.pk}/esikatselu/")
    directives = _assert_safe(response, "preview")
    css = (ROOT / "static" / "privacy_notices" / "notice.css").read_bytes()
    assert directives["script-src"] == ["'none'"]
    assert directives["style-src"] == [style_hash(css)]


def test_no_template_of_ours_has_inline_script_or_style() -> None:
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        # notice_page.html's one <style> is allowed by its hash (page_policy.py).
        if path.name != "notice_page.html":
            assert "<style" not in text, path
        assert re.search(r"<script(?![^>]*\bsrc=)", text) is None, path
        assert re.search(r"\s(style|on[a-z]+)=", text) is None, path


def test_the_history_template_is_simple_historys_own_without_its_style_attribute() -> None:
    # Our copy must follow the pinned package: after an upgrade, copy it again.
    theirs = Path(simple_history.__file__).parent / "templates/simple_history/"
    ours = ROOT / "templates/simple_history/object_history_list.html"
    upstream = (theirs / "object_history_list.html").read_text()
    copy = ours.read_text().split("{% endcomment %}\n", 1)[1]
    assert copy == upstream.replace(' style="border-top: 0"', "").replace(
        "{{ record.history_change_reason }}", '{{ record.history_change_reason|default:"–" }}'
    )
    assert "style=" not in copy


def test_the_policy_settings_allow_nothing_inline() -> None:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    sources = [source for values in directives.values() for source in values]
    assert "'unsafe-inline'" not in sources
    assert "'unsafe-eval'" not in sources
