"""A stranger signs up, confirms the address from the mail, and creates an organisation."""

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

    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Luo tunnus").click()
    page.locator("#id_email").fill("maija@example.fi")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Luo tunnus").click()
    expect(page.get_by_role("heading", name="Vahvista sähköpostiosoitteesi")).to_be_visible()

    # The confirmation link, read from Django's outbox (the live server's process).
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert path, mail.outbox[0].body
    page.goto(base + path.group(1))
    page.get_by_role("button", name="Vahvista").click()

    page.wait_for_url(f"{base}/accounts/login/**")
    page.locator("#id_login").fill("maija@example.fi")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()

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
    assert problems == []
