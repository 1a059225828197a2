from __future__ import annotations

import re

import pytest

from privacy_notices.content import build_notice_content
from privacy_notices.models import PrivacyNotice
from privacy_notices.rendering import render_notice_page
from registers.models import (
    Controller,
    LegalBasis,
    RecipientsStatement,
    Register,
    RetentionRule,
    TransfersStatement,
)
from tests.factories import bare_register, notice_with
from tests.privacy_notices.conftest import page_text

pytestmark = pytest.mark.django_db

CONTROLLER_FIELDS = {
    "trade_name": "trade-name-text",
    "short_name": "short-name-text",
    "phone": "controller-phone-text",
    "website": "https://controller.example.com",
    "representative": "representative-text",
    "contact_name": "contact-name-text",
    "contact_email": "contact@example.com",
    "contact_phone": "contact-phone-text",
    "dpo_appointed": True,
    "dpo_name": "dpo-name-text",
    "dpo_email": "dpo@example.com",
    "dpo_phone": "dpo-phone-text",
    "authority_name": "authority-name-text",
    "authority_address": "authority-address-text",
    "authority_visiting_address": "authority-visiting-address-text",
    "authority_email": "authority@example.com",
    "authority_phone": "authority-phone-text",
    "authority_website": "https://authority.example.com",
    "rights_instructions": "rights-instructions-text",
}


def _draft(notice: PrivacyNotice) -> str:
    return render_notice_page(build_notice_content(notice), draft=True)


def test_every_fact_of_the_domain_model_appears_in_the_notice(
    organisation: Controller, notice: PrivacyNotice
) -> None:
    Controller.objects.filter(pk=organisation.pk).update(country="Ruotsi", **CONTROLLER_FIELDS)
    PrivacyNotice.objects.filter(pk=notice.pk).update(
        intro="intro-text", change_policy="change-policy-text"
    )
    notice.refresh_from_db()
    text = page_text(_draft(notice))
    expected = [
        *(str(v) for v in CONTROLLER_FIELDS.values() if v is not True),
        "Oma Organisaatio Oy",
        "2780101-9",
        "Esimerkkikatu 1, 00100 Helsinki, Ruotsi",
        "tietosuoja@example.com",
        "Asiakasrekisteri",
        "description-text",
        "purposes-note-text",
        "consent-withdrawal-text",
        "purpose-consent",
        "purpose-interest",
        "legitimate-interest-text",
        "purpose-law",
        "law-reference-text",
        # Several bases: each purpose names its own, without nested brackets.
        "(oikeusperuste: suostumus, 6 artiklan 1 kohdan a alakohta)",
        "(oikeusperuste: oikeutettu etu, 6 artiklan 1 kohdan f alakohta)",
        "(oikeusperuste: lakisääteinen velvoite, 6 artiklan 1 kohdan c alakohta",
        "subject-name",
        "subject-description",
        "special-category",
        "category-description",
        "Erityinen henkilötietoryhmä (9 art.)",
        "Nimenomainen suostumus (9 art. 2 a)",
        "source-name",
        "source-description",
        "julkinen lähde",
        "recipient-name",
        "yhteisrekisterinpitäjä",
        "recipient-description",
        "recipients-note-text",
        "recipient-country",
        "transfer-country",
        "transfers-note-text",
        "Komission vakiolausekkeet ((EU) 2021/914, 46 art. 2 c)",
        "safeguard-details-text",
        "Manuaalinen aineisto",
        "measure-title",
        "measure-text",
        "Säilytysaika 3 vuotta retention-start-text.",
        "retention-criteria-text",
        "Henkilötietojen antaminen on sopimukseen perustuva vaatimus.",
        "provision-consequences-text",
        "pelkästään automaattiseen käsittelyyn perustuvia päätöksiä",
        "Tietoja käytetään profilointiin.",
        "automated-description-text",
        "cookies-note-text",
        "cookie-purpose",
        "cookie-name",
        "cookie-provider",
        "cookie-duration",
        "cookie-description",
        "cookie-opt-out",
        "https://opt-out.example.com/cookie",
        "joint-arrangement-text",
        "intro-text",
        "change-policy-text",
    ]
    assert [fact for fact in expected if fact not in text] == []


def test_a_single_register_notice_reads_as_numbered_sections(notice: PrivacyNotice) -> None:
    body = _draft(notice)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", body)
    assert headings.pop(0) == "Lyhyesti"
    assert headings[:4] == [
        "1. Rekisterinpitäjä",
        "2. Yhteyshenkilö ja tietosuojavastaava",
        "3. Rekisterin nimi",
        "4. Käsittelyn tarkoitus ja oikeusperuste",
    ]
    assert headings[-1] == "16. Selosteen muutokset"
    assert "<h3>Asiakasrekisteri</h3>" not in body


def test_a_multi_register_notice_has_each_section_once_with_the_registers_inside(
    organisation: Controller,
) -> None:
    first = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    second = bare_register(organisation, "Rekrytointirekisteri", LegalBasis.CONSENT)
    Register.objects.update(transfers_statement=TransfersStatement.NONE)
    body = _draft(notice_with(organisation, first, second))
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", body)
    assert headings.count("Käsittelyn tarkoitus ja oikeusperuste") == 1
    assert "Rekisterit" in headings
    assert not any(h[0].isdigit() for h in headings)
    purposes = body.split('id="s-purposes"')[1].split("</section>")[0]
    assert "<h3>Asiakasrekisteri</h3>" in purposes
    assert "<h3>Rekrytointirekisteri</h3>" in purposes
    # The same statement of both registers is written once, without headings.
    transfers = body.split('id="s-transfers"')[1].split("</section>")[0]
    assert "<h3>" not in transfers
    assert transfers.count("Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.") == 1


def test_a_stated_negative_is_written_plainly(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    Register.objects.filter(pk=register.pk).update(
        transfers_statement=TransfersStatement.NONE,
        recipients_statement=RecipientsStatement.NONE,
    )
    text = page_text(_draft(notice_with(organisation, register)))
    for negative in [
        "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
        "Tietoja ei luovuteta säännönmukaisesti rekisterinpitäjän ulkopuolelle.",
        "Tietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin.",
        "Rekisterinpitäjä ei ole nimittänyt tietosuojavastaavaa.",
    ]:
        assert negative in text


def test_the_page_is_finnish_with_one_h1_and_headings_in_order(notice: PrivacyNotice) -> None:
    body = _draft(notice)
    assert '<html lang="fi">' in body
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", body)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_complaint_to_the_supervisory_authority_is_always_there(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    text = page_text(_draft(notice_with(organisation, register)))
    assert "Oikeus tehdä valitus valvontaviranomaiselle (77 art.)" in text
    assert "Tietosuojavaltuutetun toimisto" in text
    assert "tietosuoja@om.fi" in text


def test_user_text_is_escaped(organisation: Controller) -> None:
    register = bare_register(organisation, "<script>alert(1)</script>", LegalBasis.CONTRACT)
    body = _draft(notice_with(organisation, register))
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


def test_the_draft_is_marked_as_not_published(notice: PrivacyNotice) -> None:
    text = page_text(_draft(notice))
    assert "Luonnos" in text
    assert "noindex" in _draft(notice)


def test_a_period_of_one_is_written_in_the_singular(organisation: Controller) -> None:
    register = bare_register(organisation, "Rekrytointirekisteri", LegalBasis.CONSENT)
    RetentionRule.objects.create(register=register, period=1, period_unit="years")
    RetentionRule.objects.create(
        register=register, period=6, period_unit="months", starts_from="haun päättymisestä"
    )
    text = page_text(_draft(notice_with(organisation, register)))
    assert "Säilytysaika 1 vuosi." in text
    assert "Säilytysaika 6 kuukautta haun päättymisestä." in text


def test_a_section_that_only_some_registers_have_names_them(organisation: Controller) -> None:
    registers = [
        bare_register(organisation, name, LegalBasis.CONTRACT)
        for name in ("A-rek", "B-rek", "C-rek")
    ]
    Register.objects.filter(name__in=["A-rek", "B-rek"]).update(
        joint_controller_arrangement="Yhteinen järjestely"
    )
    body = _draft(notice_with(organisation, *registers))
    joint = body.split('id="s-joint"')[1].split("</section>")[0]
    assert "<h3>A-rek ja B-rek</h3>" in joint
    assert joint.count("Yhteinen järjestely") == 1
    assert "C-rek" not in joint
