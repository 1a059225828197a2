"""An officer of a new organisation imports the old notice in a browser: uploads a seed,
edits one proposed value, drops another, places one unplaced passage, accepts, and finds
exactly that in the draft register's editor. The review works without JavaScript: only
the browser's own controls are used."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from registers.importing.proposal import Proposal
from registers.models import (
    DataCategory,
    ImportDraft,
    LegalBasis,
    MembershipRole,
    Register,
)
from tests.e2e.conftest import sign_in
from tests.factories import ControllerFactory, MembershipFactory, UserFactory
from tests.registers.importing.seed_files import SEEDS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEED = SEEDS / "timmi-software-oy.txt"
EDITED = "Asiakassuhteen hoitaminen (muokattu tuonnissa)"


def test_an_officer_imports_the_old_notice_and_gets_exactly_what_was_accepted(
    page: Page, live_server: LiveServer
) -> None:
    organisation = ControllerFactory(name="Uusi Organisaatio Oy", slug="uusi-organisaatio-oy")
    MembershipFactory(
        user=UserFactory(username="tuoja"), controller=organisation, role=MembershipRole.EDITOR
    )
    base = live_server.url
    sign_in(page, base, "tuoja")

    page.goto(f"{base}/hallinta/uusi-organisaatio-oy/")
    page.get_by_role("link", name="Tuo vanha seloste tai aloita mallipohjasta").first.click()
    page.get_by_label("Selosteen tiedosto").set_input_files(SEED)
    page.get_by_role("button", name="Lue seloste ja näytä ehdotus").click()
    page.wait_for_url(re.compile(r".*/hallinta/uusi-organisaatio-oy/tuo/\d+/$"))
    expect(page.get_by_role("heading", name="Sijoittamatta jääneet kohdat")).to_be_visible()

    # What the importer proposed, to pick one of each from.
    proposal = Proposal.from_json(ImportDraft.objects.get().proposal)
    items = list(enumerate(proposal.items))
    edited = next(i for i, item in items if item.kind == "purpose" and item.register == 0)
    dropped, dropped_item = next(
        (i, item) for i, item in items if item.kind == "data_category" and item.register == 0
    )
    kept = next(
        item
        for i, item in items
        if item.kind == "data_category" and item.register == 0 and i != dropped
    )
    placed = proposal.unplaced()[0]

    page.locator(f"#id_item{edited}-description").fill(EDITED)
    page.locator(f"#id_item{dropped}-include").uncheck()
    page.locator(f"#id_passage{placed.id}-target").select_option("r0:field:description")
    for i, item in items:
        # A purpose whose source named no legal basis: the officer chooses one.
        if item.kind == "purpose" and not item.values.get("legal_basis"):
            page.locator(f"#id_item{i}-legal_basis").select_option(LegalBasis.CONSENT)
    page.get_by_label("Jätä pois kaikki kohdat, joille ei ole valittu paikkaa").check()
    page.get_by_role("button", name="Hyväksy ja luo luonnokset").click()

    page.wait_for_url(re.compile(r".*/hallinta/uusi-organisaatio-oy/rekisterit/\d+/$"))
    expect(page.get_by_role("status").first).to_contain_text("Se on luonnos")
    register = Register.objects.get(controller=organisation)

    # The editor shows exactly what was accepted.
    expect(page.locator("#id_purposes-0-description")).to_have_value(EDITED)
    expect(page.locator("#id_description")).to_have_value(re.compile(re.escape(placed.text)))
    expect(page.get_by_label(kept.values["name"], exact=True)).to_be_checked()
    expect(page.get_by_label(dropped_item.values["name"], exact=True)).to_have_count(0)

    assert register.purposes.first().description == EDITED
    assert placed.text in register.description
    assert not DataCategory.objects.filter(name=dropped_item.values["name"]).exists()
    assert not register.notices.exists()
    assert not ImportDraft.objects.exists()

    # Its history says where it came from.
    page.goto(f"{base}/hallinta/uusi-organisaatio-oy/rekisterit/{register.pk}/historia/")
    expect(page.get_by_text("Tuotu tiedostosta timmi-software-oy.txt").first).to_be_visible()
