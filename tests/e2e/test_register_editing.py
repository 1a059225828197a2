"""A privacy officer edits a register in a real browser."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from registers.models import Controller, LegalBasis, Register, RetentionUnit
from tests.e2e.conftest import sign_in
from tests.factories import DataCategoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def register_url(live_server: LiveServer, register: Register) -> str:
    return f"{live_server.url}/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/"


def test_an_officer_adds_a_purpose_ticks_a_category_and_adds_a_retention_rule(
    page: Page,
    live_server: LiveServer,
    officer: User,
    register: Register,
    organisation: Controller,
) -> None:
    DataCategoryFactory(controller=organisation, name="Sähköpostiosoite")
    sign_in(page, live_server.url, "officer")
    page.goto(register_url(live_server, register))

    page.get_by_role("button", name="Lisää tarkoitus").click()
    page.locator("#id_purposes-1-description").fill("Uutiskirjeen lähettäminen")
    interest = page.locator("#id_purposes-1-legitimate_interest")
    page.locator("#id_purposes-1-legal_basis").select_option(LegalBasis.LEGITIMATE_INTERESTS)
    expect(interest).to_be_visible()
    page.locator("#id_purposes-1-legal_basis").select_option(LegalBasis.CONSENT)
    expect(interest).to_be_hidden()

    page.get_by_label("Sähköpostiosoite").check()

    page.get_by_role("button", name="Lisää säilytyssääntö").click()
    page.locator("#id_retention-1-period").fill("2")
    page.locator("#id_retention-1-period_unit").select_option(RetentionUnit.YEARS)
    page.locator("#id_retention-1-starts_from").fill("viimeisestä tilauksesta")

    page.get_by_role("button", name="Tallenna rekisteri").click()

    expect(page.get_by_role("status")).to_contain_text("Rekisteri tallennettu")
    expect(page.locator("#id_purposes-1-description")).to_have_value("Uutiskirjeen lähettäminen")
    expect(page.locator("#id_purposes-1-legal_basis")).to_have_value(LegalBasis.CONSENT)
    expect(page.get_by_label("Sähköpostiosoite")).to_be_checked()
    expect(page.locator("#id_retention-1-starts_from")).to_have_value("viimeisestä tilauksesta")

    register.refresh_from_db()
    assert register.purposes.last().description == "Uutiskirjeen lähettäminen"
    assert register.data_categories.filter(name="Sähköpostiosoite").exists()
    assert register.retention_rules.last().period_text == "2 vuotta viimeisestä tilauksesta"


def test_a_second_officers_stale_save_is_refused(
    browser: Browser,
    live_server: LiveServer,
    officer: User,
    colleague: User,
    register: Register,
) -> None:
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    sign_in(first, live_server.url, "officer")
    sign_in(second, live_server.url, "colleague")
    first.goto(register_url(live_server, register))
    second.goto(register_url(live_server, register))

    first.locator("#id_description").fill("Ensimmäisen muutos")
    first.get_by_role("button", name="Tallenna rekisteri").click()
    expect(first.get_by_role("status")).to_contain_text("Rekisteri tallennettu")

    second.locator("#id_name").fill("Toisen nimi")
    second.get_by_role("button", name="Tallenna rekisteri").click()

    warning = second.locator("#stale-save")
    expect(warning).to_contain_text("joku muu on muuttanut rekisteriä")
    expect(warning).to_contain_text("Ensimmäisen muutos")
    expect(warning).to_contain_text("officer")
    expect(second.locator("#id_name")).to_have_value("Toisen nimi")

    register.refresh_from_db()
    assert register.name == "Asiakasrekisteri"
    assert register.description == "Ensimmäisen muutos"


def test_an_over_long_pasted_text_is_kept_whole_counted_and_refused(
    page: Page, live_server: LiveServer, officer: User, register: Register
) -> None:
    sign_in(page, live_server.url, "officer")
    page.goto(register_url(live_server, register))
    description = page.locator("#id_description")
    counter = page.locator("#id_description + [data-length-counter]")
    expect(counter).to_have_count(0)  # no counter far below the limit

    text = " ".join(["Pitkä kuvaus."] * 715)  # 10,009 characters, limit 10,000
    description.fill(text)  # as a paste: no maxlength attribute cuts it
    expect(description).to_have_value(text)
    over = re.compile(r"^10\s009 / 10\s000 merkkiä: lyhennä tekstiä 9 merkillä\.$")
    expect(counter).to_have_text(over)
    expect(counter).to_have_class(re.compile("text-danger"))

    page.get_by_role("button", name="Tallenna rekisteri").click()
    expect(page.locator("#id_description")).to_have_value(text)
    expect(page.locator("#id_description ~ .invalid-feedback")).to_have_text(
        "Tämän arvon tulee olla enintään 10000 merkkiä pitkä (tällä hetkellä 10009)."
    )
    expect(counter).to_have_text(over)

    description.fill(text[:9_000])
    expect(counter).to_have_text(re.compile(r"^9\s000 / 10\s000 merkkiä$"))
    expect(counter).not_to_have_class(re.compile("text-danger"))
    description.fill(text[:100])
    expect(counter).to_be_hidden()
