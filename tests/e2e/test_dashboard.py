"""The officer's daily round: the overview says what needs attention, a new register
goes into a notice from its own page, the gaps are acknowledged at once, and the
notice is published once."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from privacy_notices.checks import check_notice
from privacy_notices.models import NoticeVersion
from privacy_notices.publishing import publish_notice
from registers.models import Controller, LegalBasis
from tests.e2e.conftest import sign_in
from tests.factories import bare_register, complete_register, notice_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ORG = "/hallinta/oma-organisaatio-oy"


def test_the_overview_leads_the_officer_from_each_item_to_the_place_to_act(
    page: Page, live_server: LiveServer, officer: User, organisation: Controller
) -> None:
    published = complete_register(organisation, "Asiakasrekisteri")
    notice = notice_with(organisation, published, title="Asiakasseloste", slug="asiakkaat")
    publish_notice(notice=notice, published_by=None, change_note="Ensimmäinen")
    new = bare_register(organisation, "Rekrytointirekisteri", LegalBasis.CONSENT)
    # The published register changes after publishing.
    published.description = "Asiakkaat ja heidän yhteyshenkilönsä"
    published.save()

    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}{ORG}/")
    attention = page.get_by_role("region", name="Vaatii huomiota")
    changed = attention.get_by_role(
        "link", name=re.compile("Selosteen ”Asiakasseloste” julkaistun version 1 jälkeen")
    )
    expect(changed).to_have_attribute("href", f"{ORG}/selosteet/{notice.pk}/#erot")
    orphan = attention.get_by_role(
        "link", name="Rekisteri ”Rekrytointirekisteri” ei ole missään selosteessa (13 ja 14 art.)."
    )
    expect(orphan).to_be_visible()

    # The register in no notice: its page adds it to the notice.
    orphan.click()
    page.wait_for_url(f"**/rekisterit/{new.pk}/#selosteet")
    panel = page.locator("#register-notices")
    expect(panel).to_contain_text("ei missään")
    panel.get_by_label("Seloste, johon rekisteri lisätään").select_option(label="Asiakasseloste")
    panel.get_by_role("button", name="Lisää selosteeseen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Rekisteri ”Rekrytointirekisteri” lisättiin selosteeseen ”Asiakasseloste”."
    )
    expect(
        page.locator("#register-notices").get_by_role("link", name="Asiakasseloste")
    ).to_be_visible()

    # Back on the overview, the register is no longer an item; the notice now has gaps.
    page.goto(f"{live_server.url}{ORG}/")
    expect(attention).not_to_contain_text("Rekrytointirekisteri")
    gaps = sum(f.blocking for f in check_notice(notice))
    gap_link = attention.get_by_role(
        "link", name=re.compile(f"Selosteesta ”Asiakasseloste” puuttuu {gaps} pakolli")
    )
    gap_link.click()
    page.wait_for_url(f"**/selosteet/{notice.pk}/#tarkistus")

    # The check page shows what publishing would change, section by section.
    differences = page.get_by_role("region", name="Luonnos verrattuna julkaistuun versioon")
    expect(differences).to_contain_text("Luonnos poikkeaa julkaistusta versiosta 1.")
    expect(differences.locator("ins", has_text="Rekrytointirekisteri").first).to_be_visible()
    expect(
        differences.locator("ins", has_text="Asiakkaat ja heidän yhteyshenkilönsä")
    ).to_be_visible()


def test_the_officer_acknowledges_all_gaps_with_one_reason_and_publishes_once(
    page: Page, live_server: LiveServer, officer: User, organisation: Controller
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    notice = notice_with(organisation, register, title="Asiakasseloste", slug="asiakkaat")
    missing = [f.code for f in check_notice(notice) if f.blocking]
    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}{ORG}/selosteet/{notice.pk}/")
    page.get_by_label("Mitä muuttui?").fill("Ensimmäinen versio")

    # "Kuittaa kaikki" without a reason: a Finnish error, nothing lost.
    page.get_by_label("Kuittaa kaikki").check()
    boxes = page.locator("input[name=acknowledged]")
    for index in range(boxes.count()):
        expect(boxes.nth(index)).to_be_checked()
    page.get_by_role("button", name="Julkaise").click()
    reason = page.get_by_label("Miksi julkaiset puutteista huolimatta?")
    expect(page.get_by_text("Kerro, miksi julkaiset puutteista huolimatta")).to_be_visible()
    expect(page.get_by_label("Mitä muuttui?")).to_have_value("Ensimmäinen versio")
    expect(page.get_by_label("Kuittaa kaikki")).to_be_checked()
    assert not NoticeVersion.objects.exists()

    # With a reason. The first submit is stopped after the page's own handler has run,
    # so that the working state can be seen before the page navigates away.
    reason.fill("Säilytysajat selvitetään kirjanpitäjän kanssa.")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    form = page.locator("form[data-publish-form]")
    form.evaluate(
        "form => form.addEventListener('submit', event => event.preventDefault(), {once: true})"
    )
    button = page.get_by_role("button", name=re.compile("Julkaise|Julkaistaan"))
    button.click()
    expect(button).to_be_disabled()
    expect(button).to_have_text("Julkaistaan…")
    expect(form).to_have_attribute("aria-busy", "true")
    # A second submit while working goes nowhere.
    form.evaluate("form => form.requestSubmit()")
    page.wait_for_timeout(300)
    assert posts == []
    # The first submit goes on (form.submit() skips the submit handlers).
    form.evaluate("form => form.submit()")
    expect(page.get_by_role("status")).to_contain_text("Versio 1 julkaistiin")

    version = NoticeVersion.objects.get()
    assert [issue["code"] for issue in version.acknowledged_issues] == missing
    assert {issue["reason"] for issue in version.acknowledged_issues} == {
        "Säilytysajat selvitetään kirjanpitäjän kanssa."
    }
    assert len(posts) == 1
