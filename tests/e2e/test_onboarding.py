"""Onboarding with no staff user: a stranger signs up, confirms the address from the mail,
creates an organisation, invites a colleague who accepts from the mail and edits, and the
admin removes the colleague again."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from registers.models import Membership, MembershipRole

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kuusi-kaunista-kesäpäivää"  # noqa: S105


def test_a_stranger_signs_up_confirms_and_creates_an_organisation(
    page: Page, live_server: LiveServer
) -> None:
    problems: list[str] = []

    def note(message: ConsoleMessage) -> None:
        # The browser's own request for /favicon.ico is a 404 on every site page.
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type in ("error", "warning"):
            problems.append(f"{message.text} {message.location.get('url', '')}")

    page.on("console", note)
    base = live_server.url

    _sign_up(page, base, "maija@example.fi")

    page.wait_for_url(f"{base}/hallinta/uusi/")
    page.locator("#id_name").fill("Mäkelän Leipomo Oy")
    expect(page.locator("#id_slug")).to_have_attribute("placeholder", "makelan-leipomo-oy")
    page.locator("#id_business_id").fill("1234567-8")
    page.locator("#id_city").fill("Tampere")
    page.get_by_role("button", name="Luo organisaatio").click()
    # A wrong check digit: the error sits next to the field, and the rest is kept.
    expect(page.locator("#id_business_id")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("#id_city")).to_have_value("Tampere")
    page.locator("#id_business_id").fill("0737546-2")
    page.get_by_role("button", name="Luo organisaatio").click()

    page.wait_for_url(f"{base}/hallinta/makelan-leipomo-oy/")
    expect(page.get_by_role("status")).to_contain_text("Organisaatio luotu")
    expect(page.get_by_role("heading", name="Ensimmäiset askeleet")).to_be_visible()
    expect(page.get_by_role("link", name="Luo ensimmäinen rekisteri")).to_be_visible()

    membership = Membership.objects.get(controller__slug="makelan-leipomo-oy")
    assert membership.user.email == "maija@example.fi"
    assert membership.role == MembershipRole.ADMIN

    # The admin invites a colleague as an editor.
    page.goto(f"{base}/hallinta/makelan-leipomo-oy/jasenet/")
    page.get_by_label("Sähköposti").fill("pekka@example.fi")
    page.get_by_label("Rooli").first.select_option(MembershipRole.EDITOR)
    page.get_by_role("button", name="Lähetä kutsu").click()
    expect(page.get_by_role("heading", name="Odottavat kutsut")).to_be_visible()
    invitation = _link(mail.outbox[-1].body, "/kutsu/")

    # The colleague, in a browser of their own, signs up, confirms, and accepts.
    colleague = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    colleague.on("console", note)
    colleague.goto(base + invitation)
    expect(colleague.get_by_role("link", name="Luo tili")).to_be_visible()
    _sign_up(colleague, base, "pekka@example.fi")
    # Signed in with the confirmed address, the invitation waits on the dashboard.
    colleague.wait_for_url(f"{base}/hallinta/")
    expect(colleague.get_by_role("heading", name="Kutsut sinulle")).to_be_visible()
    colleague.get_by_role("button", name="Hyväksy kutsu").click()
    colleague.wait_for_url(f"{base}/hallinta/makelan-leipomo-oy/**")
    assert Membership.objects.get(user__email="pekka@example.fi").role == MembershipRole.EDITOR

    # ... and edits: a first register of the organisation.
    colleague.goto(f"{base}/hallinta/makelan-leipomo-oy/rekisterit/uusi/")
    colleague.locator("#id_name").fill("Asiakasrekisteri")
    colleague.get_by_role("button", name="Luo rekisteri").click()
    expect(colleague.get_by_role("status")).to_contain_text("Rekisteri luotu")

    # The admin removes the colleague again; the colleague's next page is a 404.
    page.goto(f"{base}/hallinta/makelan-leipomo-oy/jasenet/")
    row = page.get_by_role("row", name=re.compile("pekka@example.fi"))
    row.get_by_role("button", name="Poista").click()
    expect(page.get_by_role("row", name=re.compile("pekka@example.fi"))).to_have_count(0)
    assert not Membership.objects.filter(user__email="pekka@example.fi").exists()
    colleague.remove_listener("console", note)  # the 404 below is expected
    response = colleague.goto(f"{base}/hallinta/makelan-leipomo-oy/rekisterit/")
    assert response is not None and response.status == 404
    assert problems == []


def _link(body: str, prefix: str) -> str:
    """The path of the first link in a mail that starts with the prefix."""
    found = re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"\S+)", body)
    assert found, body
    return found.group(1)


def _sign_up(page: Page, base: str, email: str) -> None:
    """Sign up with the address, confirm it from the outbox, and sign in."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Luo tunnus").click()
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Luo tunnus").click()
    expect(page.get_by_role("heading", name="Vahvista sähköpostiosoitteesi")).to_be_visible()

    # The confirmation link, read from Django's outbox (the live server's process).
    page.goto(base + _link(mail.outbox[-1].body, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Vahvista").click()

    page.wait_for_url(f"{base}/accounts/login/**")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
