"""Issue 10: the notice says what the GDPR and tietosuojalaki say, in their words."""

from __future__ import annotations

import re

import pytest

from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.models import PrivacyNotice
from privacy_notices.rendering import render_notice_page
from registers.models import (
    AutomatedDecisionException,
    Controller,
    LegalBasis,
    Register,
    SpecialCategoryCondition,
    TransferSafeguard,
)
from tests.factories import bare_register, notice_with
from tests.privacy_notices.conftest import page_text

pytestmark = pytest.mark.django_db


def _text(notice: PrivacyNotice) -> str:
    return page_text(render_notice_page(build_notice_content(notice), draft=True))


def _headings(notice: PrivacyNotice) -> list[str]:
    body = render_notice_page(build_notice_content(notice), draft=True)
    return [re.sub(r"^\d+\. ", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", body)]


@pytest.fixture
def simple(organisation: Controller) -> PrivacyNotice:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    register.sources.create(controller=organisation, name="Rekisteröity itse")
    register.recipients.create(controller=organisation, name="Tilitoimisto")
    return notice_with(organisation, register)


def test_the_complaint_names_every_member_state_of_article_77(simple: PrivacyNotice) -> None:
    # Art. 77(1): residence, place of work or place of the alleged infringement.
    assert (
        "erityisesti siinä jäsenvaltiossa, jossa on asuinpaikkasi tai työpaikkasi tai jossa "
        "väitetty rikkominen on tapahtunut"
    ) in _text(simple)


def test_the_authority_sentence_follows_the_authority_fields(
    organisation: Controller, simple: PrivacyNotice
) -> None:
    # Tietosuojalaki 8 §: the authority is tietosuojavaltuutettu; its office has the
    # contact details. Another authority in the fields is not called the ombudsman.
    text = _text(simple)
    assert "Suomessa valvontaviranomainen on tietosuojavaltuutettu (tietosuojalaki 8 §)" in text
    assert "PL 800, 00531 Helsinki" in text
    Controller.objects.filter(pk=organisation.pk).update(
        authority_name="Integritetsskyddsmyndigheten",
        authority_address="Box 8114, 104 20 Stockholm",
    )
    simple.refresh_from_db()
    text = _text(simple)
    assert "tietosuojavaltuutettu" not in text.casefold()
    assert "Valvontaviranomaisen yhteystiedot: Integritetsskyddsmyndigheten" in text


def test_the_reply_time_tells_of_the_extension(simple: PrivacyNotice) -> None:
    # Art. 12(3): one month, extendable by two, the person told within the first.
    text = _text(simple)
    assert "viimeistään kuukauden kuluessa sen vastaanottamisesta" in text
    assert "jatkaa enintään kahdella kuukaudella" in text
    assert "jatkamisesta ja viivästymisen syistä ilmoitetaan sinulle kuukauden kuluessa" in text


def test_the_default_headings_use_the_gdpr_words(simple: PrivacyNotice) -> None:
    headings = _headings(simple)
    assert "Henkilötietojen vastaanottajat" in headings
    assert "Mistä tiedot saadaan" in headings
    assert "Tietojen säännönmukaiset luovutukset" not in headings


def test_a_notice_may_keep_the_traditional_headings(simple: PrivacyNotice) -> None:
    PrivacyNotice.objects.filter(pk=simple.pk).update(traditional_headings=True)
    simple.refresh_from_db()
    headings = _headings(simple)
    assert "Tietojen säännönmukaiset luovutukset" in headings
    assert "Säännönmukaiset tietolähteet" in headings


def test_content_from_before_the_choice_keeps_its_traditional_headings(
    simple: PrivacyNotice,
) -> None:
    content = build_notice_content(simple)
    del content["traditional_headings"]
    body = render_notice_page(content, draft=True)
    assert "Tietojen säännönmukaiset luovutukset" in body


def test_automated_decisions_need_their_article_22_exception(organisation: Controller) -> None:
    register = bare_register(organisation, "Luottopäätökset", LegalBasis.CONTRACT)
    Register.objects.filter(pk=register.pk).update(
        automated_decisions=True, automated_decisions_description="Pisteytys."
    )
    notice = notice_with(organisation, register)
    finding = next(f for f in check_notice(notice) if f.code.startswith("automated_exception"))
    assert finding.blocking
    assert "22 art. 2 kohta" in finding.article
    Register.objects.filter(pk=register.pk).update(
        automated_decision_exception=AutomatedDecisionException.CONTRACT
    )
    assert not [f for f in check_notice(notice) if f.code.startswith("automated_exception")]
    text = _text(notice)
    assert (
        "Automaattisten päätösten peruste: Välttämätön sopimuksen tekemistä tai "
        "täytäntöönpanoa varten (22 art. 2 a)."
    ) in text
    assert "oikeus vaatia, että asiaa käsittelee rekisterinpitäjän puolesta luonnollinen" in text


@pytest.mark.parametrize(
    ("choice", "label"),
    [
        (LegalBasis.VITAL_INTERESTS, "Elintärkeiden etujen suojaaminen (6 art. 1 d)"),
        (
            LegalBasis.PUBLIC_TASK,
            "Yleistä etua koskeva tehtävä tai julkisen vallan käyttäminen (6 art. 1 e)",
        ),
        (
            SpecialCategoryCondition.EMPLOYMENT,
            "Työoikeus, sosiaaliturva ja sosiaalinen suojelu (9 art. 2 b)",
        ),
        (
            SpecialCategoryCondition.VITAL_INTERESTS,
            "Elintärkeiden etujen suojaaminen, kun rekisteröity ei kykene antamaan "
            "suostumustaan (9 art. 2 c)",
        ),
        (
            SpecialCategoryCondition.NOT_FOR_PROFIT,
            "Säätiön, yhdistyksen tai muun voittoa tavoittelemattoman elimen oikeutettu "
            "toiminta (9 art. 2 d)",
        ),
        (
            SpecialCategoryCondition.MADE_PUBLIC,
            "Rekisteröidyn nimenomaisesti julkisiksi saattamat tiedot (9 art. 2 e)",
        ),
        (
            SpecialCategoryCondition.HEALTH_CARE,
            "Työterveyshuolto, terveyden- tai sosiaalihuolto (9 art. 2 h)",
        ),
        (
            SpecialCategoryCondition.PUBLIC_HEALTH,
            "Kansanterveyteen liittyvä yleinen etu (9 art. 2 i)",
        ),
        (
            SpecialCategoryCondition.ARCHIVING_RESEARCH,
            "Yleisen edun mukainen arkistointi, tieteellinen tai historiallinen tutkimus tai "
            "tilastointi (9 art. 2 j)",
        ),
        (TransferSafeguard.ADEQUACY, "Komission riittävyyspäätös (45 art.)"),
        (
            TransferSafeguard.DATA_PRIVACY_FRAMEWORK,
            "EU–Yhdysvallat-tietosuojakehys, sertifioitu vastaanottaja (komission päätös "
            "(EU) 2023/1795, 45 art.)",
        ),
        (
            TransferSafeguard.STANDARD_CLAUSES,
            "Komission vakiolausekkeet ((EU) 2021/914, 46 art. 2 c)",
        ),
    ],
)
def test_reference_data_uses_the_finnish_gdpr_terms(choice: object, label: str) -> None:
    assert str(choice.label) == label  # type: ignore[attr-defined]
