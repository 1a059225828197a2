"""The public reader in a real browser: contents, summary, links, dark mode, print
and "Mitä muuttui"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, Purpose
from tests.factories import complete_register, notice_with
from tests.privacy_notices.conftest import FAKE_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PATH = "/oma-organisaatio-oy/tietosuojaseloste"


@pytest.fixture
def published(organisation: Controller, monkeypatch: pytest.MonkeyPatch) -> PrivacyNotice:
    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", lambda content: FAKE_PDF)
    notice = notice_with(organisation, complete_register(organisation), slug="tietosuojaseloste")
    publish_notice(notice=notice, published_by=None, change_note="Ensimmäinen")
    return notice


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def _contrast(a: str, b: str) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    high, low = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colours(page: Page, selector: str) -> tuple[str, str]:
    return page.eval_on_selector(
        selector,
        "el => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor]",
    )


def test_the_contents_lead_to_the_sections_and_the_summary_is_shown(
    page: Page, live_server: LiveServer, published: PrivacyNotice
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{PATH}/")
    contents = page.get_by_role("navigation", name="Sisällys")
    expect(contents).to_be_visible()
    contents.get_by_role("link", name="Säilytysaika").click()
    page.wait_for_url(f"**{PATH}/#s-retention")
    expect(page.locator("#s-retention")).to_be_in_viewport()

    summary = page.get_by_role("region", name="Lyhyesti")
    expect(summary).to_be_visible()
    expect(summary.get_by_text("Kuka käsittelee tietojasi")).to_be_visible()
    summary.get_by_role("link", name=re.compile("Lue lisää: .*Rekisterinpitäjä")).click()
    page.wait_for_url(f"**{PATH}/#s-controller")

    mail = page.locator("section[aria-labelledby=s-controller]").locator('a[href^="mailto:"]')
    expect(mail).to_have_count(1)
    # Nothing runs on the page, so nothing scrolls sideways on a phone either.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_colour_schemes_keep_aa_contrast(
    page: Page, live_server: LiveServer, published: PrivacyNotice, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{live_server.url}{PATH}/")
    text, background = _colours(page, "main p")
    dark = _rgb(background)[0] < 100
    assert dark == (scheme == "dark")
    assert _contrast(text, background) >= 4.5
    link, _ = _colours(page, "section[aria-labelledby=s-controller] a")
    assert _contrast(link, background) >= 4.5
    muted, _ = _colours(page, ".notice-status")
    assert _contrast(muted, background) >= 4.5


def test_the_printed_page_has_no_navigation_and_a_full_address(
    page: Page, live_server: LiveServer, published: PrivacyNotice
) -> None:
    page.goto(f"{live_server.url}{PATH}/1/")
    page.emulate_media(media="print")
    expect(page.locator(".notice-nav")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Sisällys")).to_be_hidden()
    expect(page.get_by_role("region", name="Lyhyesti")).to_be_visible()
    footer_link = page.locator(".notice-footer a")
    assert re.match(r"https?://", footer_link.get_attribute("href") or "")


def test_a_reader_sees_what_changed_between_two_versions(
    page: Page, live_server: LiveServer, published: PrivacyNotice
) -> None:
    Purpose.objects.filter(description="purpose-consent").update(description="Uusi tarkoitus")
    publish_notice(notice=published, published_by=None, change_note="Tarkoitus vaihtui")
    page.goto(f"{live_server.url}{PATH}/versiot/")
    page.get_by_role("link", name="mitä muuttui").click()
    page.wait_for_url(f"**{PATH}/2/muutokset/")
    expect(page.get_by_role("heading", name="Mitä muuttui versiossa 2")).to_be_visible()
    expect(page.locator("ins", has_text="Uusi tarkoitus")).to_be_visible()
    expect(page.locator("del", has_text="purpose-consent")).to_be_visible()
