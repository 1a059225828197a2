"""The Content-Security-Policy refuses nothing the site itself uses, in a real browser.

Chromium reports each refused script, style or resource as a
``securitypolicyviolation`` event and a console error; a page whose own markup or
scripts broke the policy would show an unstyled notice or a dead editor.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from privacy_notices.publishing import publish_notice
from registers.models import Controller, Register
from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, complete_register, notice_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def csp_errors(page: Page) -> Iterator[list[str]]:
    """Console messages about the policy, from every page the test visits."""
    errors: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    yield errors


def assert_no_violations(page: Page, errors: list[str]) -> None:
    assert page.evaluate("window.__cspViolations") == [], page.url
    assert errors == [], page.url


def test_a_published_notice_page_is_styled_by_its_inline_stylesheet(
    page: Page,
    live_server: LiveServer,
    csp_errors: list[str],
    officer: User,
    organisation: Controller,
) -> None:
    notice = notice_with(organisation, complete_register(organisation), slug="tietosuojaseloste")
    publish_notice(notice=notice, published_by=officer, change_note="Ensimmäinen")
    for path in (
        "/oma-organisaatio-oy/tietosuojaseloste/",
        "/oma-organisaatio-oy/tietosuojaseloste/1/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tietosuojaseloste")
        # notice.css, not the browser's defaults (8px body margin, no width limit).
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
        assert page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth") != "none"
        assert_no_violations(page, csp_errors)
    page.goto(f"{live_server.url}/oma-organisaatio-oy/")
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    assert_no_violations(page, csp_errors)


def test_sign_in_and_the_register_editor_run_their_scripts(
    page: Page,
    live_server: LiveServer,
    csp_errors: list[str],
    officer: User,
    register: Register,
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    # Bootstrap's stylesheet applies (a .btn-primary is blue, not a grey default button).
    button = page.get_by_role("button", name="Kirjaudu")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(13, 110, 253)"
    assert_no_violations(page, csp_errors)

    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/")
    # editor.js adds a row: the site's own script runs.
    page.get_by_role("button", name="Lisää tarkoitus").click()
    expect(page.locator("#id_purposes-1-description")).to_be_visible()
    assert_no_violations(page, csp_errors)


def test_the_admin_change_form_runs_its_scripts(
    page: Page,
    live_server: LiveServer,
    csp_errors: list[str],
    staff: User,
    register: Register,
) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert_no_violations(page, csp_errors)

    page.goto(f"{live_server.url}/admin/registers/register/{register.pk}/change/")
    # SelectFilter2.js turns each many-to-many select into the two-box chooser, and
    # inlines.js adds the "add another" links.
    expect(page.locator(".selector").first).to_be_visible()
    expect(page.locator(".add-row a").first).to_be_visible()
    assert_no_violations(page, csp_errors)

    page.goto(f"{live_server.url}/admin/registers/register/{register.pk}/history/")
    expect(page.locator("#change-history")).to_be_visible()
    assert_no_violations(page, csp_errors)
