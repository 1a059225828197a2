"""A privacy officer checks and publishes a notice; a visitor reads it and its PDF."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from privacy_notices.models import NoticeVersion
from registers.models import Controller, LegalBasis
from tests.e2e.conftest import sign_in
from tests.factories import bare_register, notice_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_officer_publishes_despite_acknowledged_gaps_and_a_visitor_reads_it(
    page: Page, live_server: LiveServer, officer: User, organisation: Controller
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    notice = notice_with(organisation, register, slug="tietosuojaseloste")
    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/hallinta/oma-organisaatio-oy/selosteet/{notice.pk}/")

    # The check names what is missing, with the article and a link to the field,
    # and blocks publishing. With no source stated yet, both Art. 13 and 14 may apply.
    expect(
        page.get_by_label(
            "Säilytysaika puuttuu rekisteristä Asiakasrekisteri (13 art. 2 a, 14 art. 2 a)"
        )
    ).to_be_visible()
    fix = page.get_by_role("link", name=re.compile("Säilytysaika puuttuu"))
    expect(fix).to_have_attribute(
        "href", f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/#sailytys"
    )
    page.get_by_label("Mitä muuttui?").fill("Ensimmäinen versio")
    page.get_by_role("button", name="Julkaise").click()
    expect(page.get_by_text("Seloste on puutteellinen")).to_be_visible()
    assert not NoticeVersion.objects.exists()

    # Acknowledging every gap one by one lets it through.
    for checkbox in page.locator("input[name=acknowledged]").all():
        checkbox.check()
    page.get_by_role("button", name="Julkaise").click()
    expect(page.get_by_role("status")).to_contain_text("Versio 1 julkaistiin")

    # A visitor, signed out, reads the public page and downloads its PDF.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/oma-organisaatio-oy/tietosuojaseloste/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tietosuojaseloste")
    expect(page.get_by_text("Asiakasrekisteri").first).to_be_visible()
    expect(page.get_by_text("Ensimmäinen versio").first).to_be_visible()
    pdf_href = page.locator("a[href$='.pdf']").first.get_attribute("href")
    assert pdf_href is not None
    response = page.request.get(f"{live_server.url}{pdf_href}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
