"""Data subject requests in a browser: a stranger asks Smartum Oy for their data from
the published notice, confirms the address from the mail, and the demo officer answers;
another organisation's officer sees none of it. And the form works without JavaScript."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from privacy_notices.demo import publish_demo_notices
from registers.demo import DEMO_PASSWORD, load_demo
from subjects.deadlines import add_months
from subjects.models import RequestStatus, RequestType, SubjectRequest
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REQUESTER = "maija.meikalainen@example.fi"
REFERENCE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}$")


@pytest.fixture
def demo(live_server: LiveServer, settings: Any) -> str:
    """The demo organisations with their notices published, the request link in them
    pointing at the live server (SITE_URL, as a deployment sets it). Returns its URL."""
    settings.SITE_URL = live_server.url
    load_demo()
    publish_demo_notices()
    return live_server.url


def _confirmation_path(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/smartum-oy/pyynto/vahvista/[^/\s]+/)", body)
    assert found, body
    return found[1]


def test_a_stranger_asks_for_their_data_and_the_officer_answers_within_the_month(
    page: Page, browser: Browser, demo: str
) -> None:
    base = demo

    # The public organisation page offers the form too.
    page.goto(f"{base}/smartum-oy/")
    expect(page.get_by_role("link", name="Lähetä pyyntö")).to_have_attribute(
        "href", "/smartum-oy/pyynto/"
    )

    # A stranger reads the notice and follows its link to the form.
    page.goto(f"{base}/smartum-oy/tietosuojaseloste/")
    request_link = page.locator("p.request-link")
    expect(request_link).to_contain_text("Pyynnön voi lähettää myös verkkolomakkeella:")
    request_link.get_by_role("link").click()
    page.wait_for_url(f"{base}/smartum-oy/pyynto/")

    page.get_by_role("radio", name=re.compile(r"^Tietojen tarkastaminen \(15 art\.\)")).check()
    page.get_by_role("checkbox", name="Asiakas- ja markkinointirekisteri").check()
    page.get_by_label("Nimesi").fill("Maija Meikäläinen")
    page.get_by_label("Sähköpostiosoitteesi").fill(REQUESTER)
    page.get_by_label("Viesti (vapaaehtoinen)").fill("Mitä tietoja minusta on tallennettu?")
    page.get_by_role("button", name="Lähetä pyyntö").click()

    page.wait_for_url(f"{base}/smartum-oy/pyynto/lahetetty/**")
    reference = page.locator(".reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    submitted = SubjectRequest.objects.get(reference=reference)
    assert submitted.status == RequestStatus.UNCONFIRMED
    assert submitted.request_type == RequestType.ACCESS

    # The confirmation link comes by mail; opening it confirms nothing by itself.
    confirmation = mail.outbox[-1]
    assert confirmation.to == [REQUESTER]
    assert reference in confirmation.subject
    page.goto(base + _confirmation_path(confirmation.body))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vahvista pyyntö")
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.UNCONFIRMED
    page.get_by_role("button", name="Vahvista pyyntö").click()
    page.wait_for_url(f"{base}/smartum-oy/pyynto/vahvistettu/**")
    expect(page.locator(".reference")).to_have_text(reference)
    receipt = mail.outbox[-1]
    assert receipt.to == [REQUESTER]
    assert receipt.subject == f"Pyyntösi {reference} on vastaanotettu"

    # The demo officer finds it in the inbox, due one calendar month from today.
    page.context.clear_cookies()
    sign_in(page, base, "demo", DEMO_PASSWORD)
    page.goto(f"{base}/hallinta/smartum-oy/pyynnot/")
    due = add_months(timezone.localdate(), 1)
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Tietojen tarkastaminen (15 art.)")
    expect(row).to_contain_text("Asiakas- ja markkinointirekisteri")
    expect(row).to_contain_text(f"{due.day}.{due.month}.{due.year}")
    expect(row.get_by_role("cell").last).to_have_text("Vastaanotettu")

    row.get_by_role("link", name=reference).click()
    request_url = f"{base}/hallinta/smartum-oy/pyynnot/{submitted.pk}/"
    page.wait_for_url(request_url)
    expect(page.get_by_role("heading", name=f"Pyyntö {reference}")).to_be_visible()
    # Its four forms share field names; each label still names its own field.
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)

    # The officer starts from the "completed" template, writes what was done, closes.
    page.get_by_role("link", name="Pyyntö käsitelty").click()
    page.wait_for_url(f"{request_url}?pohja=completed*")
    subject = page.get_by_role("textbox", name="Otsikko*", exact=True)
    expect(subject).to_have_value(f"Pyyntösi {reference} on käsitelty")
    body = page.get_by_role("textbox", name="Viesti*", exact=True)
    drafted = body.input_value()
    assert "Hei Maija Meikäläinen" in drafted
    placeholder = "[Kerro tähän, mitä pyynnön johdosta on tehty.]"
    assert placeholder in drafted
    done = "Liitteenä ovat tiedot, joita sinusta käsittelemme asiakasrekisterissä."
    body.fill(drafted.replace(placeholder, done))
    page.get_by_label("Muuta samalla tila").select_option(label="Valmis")
    page.get_by_role("button", name="Lähetä viesti").click()

    page.wait_for_url(request_url)
    expect(page.get_by_role("status")).to_contain_text("Viesti lähetetty pyytäjälle.")
    expect(page.locator("h2 + .badge")).to_have_text("Valmis")
    events = page.locator("h3:text('Tapahtumat') + ol")
    expect(events).to_contain_text("Vastaanotettu → Valmis")
    expect(events).to_contain_text(f"Pyyntösi {reference} on käsitelty")
    reply = mail.outbox[-1]
    assert reply.to == [REQUESTER]
    assert reply.from_email == settings.DEFAULT_FROM_EMAIL
    assert reply.subject == f"Pyyntösi {reference} on käsitelty"
    assert done in reply.body
    assert placeholder not in reply.body
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.DONE

    # Closed, it leaves the open requests but is listed under all of them.
    page.goto(f"{base}/hallinta/smartum-oy/pyynnot/?tila=kaikki")
    expect(page.get_by_role("row").filter(has_text=reference)).to_contain_text("Valmis")

    # Timmi's officer, in a browser of their own, cannot tell the request exists.
    context = browser.new_context()
    try:
        other = context.new_page()
        sign_in(other, base, "timmi", DEMO_PASSWORD)
        for url in (request_url, f"{base}/hallinta/smartum-oy/pyynnot/"):
            response = other.goto(url)
            assert response is not None
            assert response.status == 404, url
            expect(other.locator("body")).not_to_contain_text(reference)
        response = other.goto(f"{base}/hallinta/timmi-software-oy/pyynnot/?tila=kaikki")
        assert response is not None
        assert response.status == 200
        expect(other.get_by_text("Ei pyyntöjä näillä ehdoilla.")).to_be_visible()
        expect(other.locator("body")).not_to_contain_text(reference)
    finally:
        context.close()


def test_the_form_works_without_javascript_and_keeps_what_was_typed(
    browser: Browser, demo: str
) -> None:
    base = demo
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}/smartum-oy/pyynto/")
        page.get_by_role("radio", name=re.compile(r"^Tietojen poistaminen \(17 art\.\)")).check()
        page.get_by_role("checkbox", name="En tiedä").check()
        page.get_by_label("Sähköpostiosoitteesi").fill(REQUESTER)
        page.get_by_label("Puhelinnumero (vapaaehtoinen)").fill("040 123 4567")
        page.get_by_label("Viesti (vapaaehtoinen)").fill("Poistakaa uutiskirjetilaukseni.")
        page.get_by_role("button", name="Lähetä pyyntö").click()

        # The name is missing: the form comes back with everything else as typed.
        expect(page.get_by_role("alert")).to_contain_text("Tarkista lomake")
        expect(page.get_by_text("Kirjoita nimesi.")).to_be_visible()
        expect(
            page.get_by_role("radio", name=re.compile(r"^Tietojen poistaminen \(17 art\.\)"))
        ).to_be_checked()
        expect(page.get_by_role("checkbox", name="En tiedä")).to_be_checked()
        expect(
            page.get_by_role("checkbox", name="Asiakas- ja markkinointirekisteri")
        ).not_to_be_checked()
        expect(page.get_by_label("Sähköpostiosoitteesi")).to_have_value(REQUESTER)
        expect(page.get_by_label("Puhelinnumero (vapaaehtoinen)")).to_have_value("040 123 4567")
        expect(page.get_by_label("Viesti (vapaaehtoinen)")).to_have_value(
            "Poistakaa uutiskirjetilaukseni."
        )
        assert not SubjectRequest.objects.exists()
        assert not mail.outbox

        page.get_by_label("Nimesi").fill("Maija Meikäläinen")
        page.get_by_role("button", name="Lähetä pyyntö").click()
        page.wait_for_url(f"{base}/smartum-oy/pyynto/lahetetty/**")
        reference = page.locator(".reference").inner_text().strip()
        assert REFERENCE.match(reference), reference
        submitted = SubjectRequest.objects.get(reference=reference)
        assert submitted.request_type == RequestType.ERASURE
        assert submitted.registers_unknown
        assert not submitted.registers.exists()
        assert submitted.phone == "040 123 4567"
        assert mail.outbox[-1].to == [REQUESTER]
    finally:
        context.close()
