"""The editor by keyboard alone, and the warning before unsaved changes are left.

The officer's hands never leave the keyboard: Tab moves the focus, the text is typed,
Enter follows a link or presses a button and Space ticks a box. (Moving to another
page by its address, page.goto, is the address bar.) On the register page every tab
stop must stay visible above the sticky save bar (WCAG 2.2 2.4.11 Focus Not Obscured).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Dialog, Page, expect
from pytest_django.live_server_helper import LiveServer

from privacy_notices.models import PrivacyNotice
from registers.models import Controller, LegalBasis, Register
from tests.factories import PASSWORD, complete_register, notice_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ORG = "/hallinta/oma-organisaatio-oy"

# Is the focused element at the selector (and its text containing `text`)?
FOCUSED_IS = """([selector, text]) => {
  const el = document.activeElement;
  if (!el || !el.matches(selector)) return false;
  const label = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
  return !text || label.includes(text);
}"""

# How the focused element lies against the save bar: how many pixels of its height are
# visible above the bar (and inside the window), and a name for the report.
FOCUS_ABOVE_SAVE_BAR = """() => {
  const el = document.activeElement;
  const bar = document.querySelector(".save-bar");
  const name = el.id || el.name || el.textContent.trim().slice(0, 40) || el.tagName;
  if (!bar || bar.contains(el)) return { name, visible: null };
  const box = el.getBoundingClientRect();
  const top = bar.getBoundingClientRect().top;
  return { name, visible: Math.min(box.bottom, top) - Math.max(box.top, 0) };
}"""


def tab_to(page: Page, selector: str, text: str = "", limit: int = 300) -> None:
    """Press Tab until the focus is on the element; fail if it never comes."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_IS, [selector, text]):
            return
    raise AssertionError(f"Tab never reached {selector} {text!r} on {page.url}")


def sign_in_by_keyboard(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, "#id_login")
    page.keyboard.type(username)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/hallinta/**")


def assert_every_tab_stop_shows_above_the_save_bar(page: Page) -> int:
    """Tab from the top of the register page to the save bar's button; returns the
    number of tab stops passed."""
    # Bootstrap scrolls smoothly; measure where each scroll ends, not halfway there.
    page.emulate_media(reduced_motion="reduce")
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    hidden = []
    for stop in range(1, 500):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_ABOVE_SAVE_BAR)
        if focus["visible"] is None:
            assert not hidden, f"hidden under the save bar: {hidden}"
            return stop
        if focus["visible"] <= 0:
            hidden.append(focus["name"])
    raise AssertionError("Tab never reached the save bar")


@pytest.fixture
def notice(organisation: Controller) -> PrivacyNotice:
    return notice_with(organisation, complete_register(organisation), slug="tietosuojaseloste")


def test_an_officer_adds_a_register_saves_it_and_publishes_it_by_keyboard_alone(
    page: Page,
    live_server: LiveServer,
    officer: User,
    organisation: Controller,
    notice: PrivacyNotice,
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in_by_keyboard(page, live_server.url, "officer")

    # A new register from the register list.
    page.goto(f"{live_server.url}{ORG}/rekisterit/")
    tab_to(page, "a", "Uusi rekisteri")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{ORG}/rekisterit/uusi/")
    tab_to(page, "#id_name")
    page.keyboard.type("Tapahtumien osallistujat")
    tab_to(page, "button[type=submit]", "Luo rekisteri")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/rekisterit/\d+/$"))
    register = Register.objects.get(name="Tapahtumien osallistujat")

    # Every focusable element of the page shows above the save bar, a long page too.
    assert assert_every_tab_stop_shows_above_the_save_bar(page) > 40

    # One purpose, its legal basis chosen by typing, saved from the top of the page.
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    tab_to(page, "button", "Lisää tarkoitus")
    page.keyboard.press("Enter")  # The new row's first field takes the focus.
    assert page.evaluate(FOCUSED_IS, ["textarea[name='purposes-0-description']", ""])
    page.keyboard.type("Tapahtumaan ilmoittautuneiden yhteydenpito")
    tab_to(page, "select[name='purposes-0-legal_basis']")
    page.keyboard.type("Sopimus")
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    tab_to(page, "button[type=submit]", "Tallenna")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Rekisteri tallennettu")
    purpose = register.purposes.get()
    assert purpose.description == "Tapahtumaan ilmoittautuneiden yhteydenpito"
    assert purpose.legal_basis == LegalBasis.CONTRACT

    # Into the notice: its form's box for the register, ticked with Space.
    page.goto(f"{live_server.url}{ORG}/selosteet/{notice.pk}/muokkaa/")
    tab_to(page, "input[type=checkbox]", "Tapahtumien osallistujat")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]", "Tallenna")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{ORG}/selosteet/{notice.pk}/")
    assert notice.registers.filter(pk=register.pk).exists()

    # Published: the change note typed, each listed gap acknowledged with Space.
    tab_to(page, "textarea[name='change_note']")
    page.keyboard.type("Lisätty tapahtumien osallistujarekisteri")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_IS, ["input[name='acknowledged']", ""]):
            page.keyboard.press("Space")
        elif page.evaluate(FOCUSED_IS, ["button[type=submit]", "Julkaise"]):
            break
    page.keyboard.press("Enter")
    # Rendering the PDF takes a while on a busy machine.
    expect(page.get_by_role("status")).to_contain_text("Versio 1 julkaistiin.", timeout=60_000)
    version = notice.versions.get()
    assert "Tapahtumaan ilmoittautuneiden yhteydenpito" in version.rendered_html


def test_every_tab_stop_of_a_full_register_shows_above_the_save_bar_on_a_phone(
    page: Page, live_server: LiveServer, officer: User, register: Register
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_by_keyboard(page, live_server.url, "officer")
    page.goto(f"{live_server.url}{ORG}/rekisterit/{register.pk}/")
    assert assert_every_tab_stop_shows_above_the_save_bar(page) > 40


def test_leaving_a_changed_form_asks_first_but_saving_or_leaving_it_unchanged_does_not(
    page: Page, live_server: LiveServer, officer: User, register: Register
) -> None:
    dialogs: list[str] = []

    def answer(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()  # Leave the page.

    page.on("dialog", answer)
    sign_in_by_keyboard(page, live_server.url, "officer")
    url = f"{live_server.url}{ORG}/rekisterit/{register.pk}/"
    elsewhere = f"{live_server.url}{ORG}/rekisterit/"

    # Unchanged: no question.
    page.goto(url)
    tab_to(page, "#id_description")
    page.goto(elsewhere)
    assert dialogs == []

    # Changed and then typed back as it was: no question either.
    page.goto(url)
    tab_to(page, "#id_description")
    page.keyboard.type("x")
    page.keyboard.press("Backspace")
    page.goto(elsewhere)
    assert dialogs == []

    # Changed: the browser asks before the change is lost.
    page.goto(url)
    tab_to(page, "#id_description")
    page.keyboard.type(" Lisätty lause.")
    page.goto(elsewhere)
    assert dialogs == ["beforeunload"]
    register.refresh_from_db()
    assert "Lisätty lause." not in register.description

    # Changed and saved: the save leaves the page without a question, and so can the
    # officer afterwards.
    page.goto(url)
    tab_to(page, "#id_description")
    page.keyboard.type(" Tallennettu lause.")
    tab_to(page, "button[type=submit]", "Tallenna rekisteri")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Rekisteri tallennettu")
    page.goto(elsewhere)
    assert dialogs == ["beforeunload"]
    register.refresh_from_db()
    assert register.description.endswith("Tallennettu lause.")

    # A refused save (Enter in the name field, now empty) shows the form again with
    # the officer's text, which is not saved yet: leaving it asks.
    page.goto(url)
    tab_to(page, "#id_name")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Enter")
    expect(page.locator("#id_name")).to_have_class(re.compile(r"\bis-invalid\b"))
    page.goto(elsewhere)
    assert dialogs == ["beforeunload", "beforeunload"]
