"""Art. 13 or Art. 14 (issue 10, item 9): the check follows whom the data comes from.

GDPR Art. 13 applies to data collected from the data subject, Art. 14 to data from
elsewhere; a register with both kinds of source cites both. A source whose origin is
not stated (or no source yet) may be either, so both are cited.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.template.loader import render_to_string

from privacy_notices.checks import Finding, check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.interchange import export_organisation, import_organisation
from privacy_notices.models import PrivacyNotice
from privacy_notices.rendering import notice_context
from registers.models import (
    Controller,
    LegalBasis,
    ProvisionRequirement,
    Purpose,
    Register,
    Source,
    SourceOrigin,
)
from tests.factories import bare_register, complete_register, notice_with

pytestmark = pytest.mark.django_db

SUBJECT = SourceOrigin.DATA_SUBJECT
ELSEWHERE = SourceOrigin.OTHER
NOT_STATED = SourceOrigin.NOT_STATED

# Origins of the register's sources -> the regime cited.
REGIMES = {
    "13": [SUBJECT],
    "14": [ELSEWHERE],
    "both": [SUBJECT, ELSEWHERE],
    "unknown": [NOT_STATED],
    "no source": [],
}


def _register(organisation: Controller, origins: list[str], **fields: Any) -> Register:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    for number, origin in enumerate(origins):
        register.sources.add(
            Source.objects.create(controller=organisation, name=f"Lähde {number}", origin=origin)
        )
    if fields:
        Register.objects.filter(pk=register.pk).update(**fields)
    return register


def _findings(organisation: Controller, register: Register) -> dict[str, Finding]:
    notice = notice_with(organisation, register)
    return {f.code.split(":")[0]: f for f in check_notice(notice)}


def _article(organisation: Controller, regime: str, code: str, **fields: Any) -> str:
    register = _register(organisation, REGIMES[regime], **fields)
    if code == "legitimate_interest":
        Purpose.objects.create(
            register=register,
            description="Markkinointi",
            legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
            # Blank, not empty: the database refuses an empty one (the check reads it
            # stripped, as it reads an old row or an import).
            legitimate_interest=" ",
        )
    if code == "purposes":
        register.purposes.all().delete()
    if code == "authority":
        Controller.objects.filter(pk=organisation.pk).update(authority_name="")
        organisation.refresh_from_db()
    return _findings(organisation, register)[code].article


# (finding code, register fields that raise it, Art. 13 citation, Art. 14 citation)
CITATIONS = [
    ("legitimate_interest", {}, "13 art. 1 d", "14 art. 2 b"),
    ("retention", {}, "13 art. 2 a", "14 art. 2 a"),
    ("authority", {}, "13 art. 2 d", "14 art. 2 e"),
    (
        "automated",
        {"automated_decisions": True, "automated_decisions_description": ""},
        "13 art. 2 f",
        "14 art. 2 g",
    ),
    ("recipients", {}, "13 art. 1 e", "14 art. 1 e"),
    ("transfers_statement", {}, "13 art. 1 f", "14 art. 1 f"),
    ("purposes", {}, "13 art. 1 c", "14 art. 1 c"),
]


@pytest.mark.parametrize(("code", "fields", "art13", "art14"), CITATIONS)
def test_a_register_with_data_from_the_person_cites_article_13_only(
    organisation: Controller, code: str, fields: dict[str, Any], art13: str, art14: str
) -> None:
    assert _article(organisation, "13", code, **fields) == art13


@pytest.mark.parametrize(("code", "fields", "art13", "art14"), CITATIONS)
def test_a_register_with_data_from_elsewhere_cites_article_14_only(
    organisation: Controller, code: str, fields: dict[str, Any], art13: str, art14: str
) -> None:
    assert _article(organisation, "14", code, **fields) == art14


@pytest.mark.parametrize("regime", ["both", "unknown", "no source"])
@pytest.mark.parametrize(("code", "fields", "art13", "art14"), CITATIONS)
def test_a_register_with_both_or_unknown_sources_cites_both_articles(
    organisation: Controller,
    regime: str,
    code: str,
    fields: dict[str, Any],
    art13: str,
    art14: str,
) -> None:
    assert _article(organisation, regime, code, **fields) == f"{art13}, {art14}"


def test_the_authority_cites_both_articles_when_the_notices_registers_differ(
    organisation: Controller,
) -> None:
    from_person = _register(organisation, [SUBJECT])
    elsewhere = bare_register(organisation, "Markkinointirekisteri", LegalBasis.CONTRACT)
    elsewhere.sources.add(
        Source.objects.create(controller=organisation, name="X", origin=ELSEWHERE)
    )
    Controller.objects.filter(pk=organisation.pk).update(authority_name="")
    organisation.refresh_from_db()
    findings = check_notice(notice_with(organisation, from_person, elsewhere))
    (authority,) = [f for f in findings if f.code == "authority"]
    assert authority.article == "13 art. 2 d, 14 art. 2 e"


@pytest.mark.parametrize(("regime", "required"), [("13", True), ("both", True), ("14", False)])
def test_the_requirement_to_provide_applies_only_to_data_from_the_person(
    organisation: Controller, regime: str, required: bool
) -> None:
    register = _register(organisation, REGIMES[regime])
    assert ("provision" in _findings(organisation, register)) is required


def test_unstated_sources_keep_the_requirement_to_provide(organisation: Controller) -> None:
    register = _register(organisation, [NOT_STATED])
    assert _findings(organisation, register)["provision"].article == "13 art. 2 e"


@pytest.mark.parametrize(("regime", "required"), [("13", True), ("14", False)])
def test_the_consequences_of_not_providing_apply_only_to_data_from_the_person(
    organisation: Controller, regime: str, required: bool
) -> None:
    register = _register(
        organisation,
        REGIMES[regime],
        provision_requirement=ProvisionRequirement.CONTRACTUAL,
        provision_consequences="",
    )
    assert ("provision_consequences" in _findings(organisation, register)) is required


@pytest.mark.parametrize("regime", ["14", "both"])
def test_data_from_elsewhere_needs_the_timing_or_an_exemption(
    organisation: Controller, regime: str
) -> None:
    register = _register(organisation, REGIMES[regime])
    finding = _findings(organisation, register)["informing"]
    assert finding.blocking
    assert finding.article == "14 art. 3, 14 art. 5"
    assert finding.fix_url.endswith("#id_informing_timing")
    assert "kuukauden" in finding.message


@pytest.mark.parametrize(
    "fields",
    [
        {"informing_timing": "Kerromme kuukauden kuluessa tietojen saamisesta."},
        {"informing_exemption": "Tietojen hankkimisesta säädetään laissa (14 art. 5 c)."},
    ],
)
def test_the_timing_or_an_exemption_satisfies_article_14_3(
    organisation: Controller, fields: dict[str, str]
) -> None:
    register = _register(organisation, [ELSEWHERE], **fields)
    assert "informing" not in _findings(organisation, register)


@pytest.mark.parametrize("regime", ["13", "unknown", "no source"])
def test_the_timing_is_not_asked_without_a_source_from_elsewhere(
    organisation: Controller, regime: str
) -> None:
    register = _register(organisation, REGIMES[regime])
    assert "informing" not in _findings(organisation, register)


def test_a_source_whose_origin_is_not_stated_is_asked_about(organisation: Controller) -> None:
    register = _register(organisation, [SUBJECT, NOT_STATED, NOT_STATED])
    finding = _findings(organisation, register)["source_origin"]
    assert finding.blocking
    assert finding.article == "13 art., 14 art."
    assert "Lähde 1 ja Lähde 2" in finding.message
    assert "Lähde 0" not in finding.message
    assert finding.fix_url.endswith("#lahteet")


def test_stated_sources_raise_no_origin_finding(organisation: Controller) -> None:
    register = _register(organisation, [SUBJECT, ELSEWHERE])
    assert "source_origin" not in _findings(organisation, register)


@pytest.mark.parametrize(
    ("regime", "article"), [("13", "30 art. 1 c"), ("14", "14 art. 1 d"), ("both", "14 art. 1 d")]
)
def test_categories_are_required_in_any_case_and_cite_article_14_only_where_it_applies(
    organisation: Controller, regime: str, article: str
) -> None:
    register = _register(organisation, REGIMES[regime])
    finding = _findings(organisation, register)["data_categories"]
    assert finding.blocking
    assert finding.article == article


def test_sources_are_required_when_none_is_ticked(organisation: Controller) -> None:
    register = _register(organisation, [])
    assert _findings(organisation, register)["sources"].article == "14 art. 2 f"


# --- Content, rendering, interchange ----------------------------------------------------


def _page(content: dict[str, Any]) -> str:
    return render_to_string(
        "privacy_notices/includes/_notice_body.html", notice_context(content, draft=True)
    )


def test_the_content_freezes_each_sources_origin_and_the_article_14_texts(
    organisation: Controller,
) -> None:
    notice = notice_with(organisation, complete_register(organisation))
    (register,) = build_notice_content(notice)["registers"]
    assert register["sources"][0]["origin"] == "other"
    assert register["informing_timing"] == "informing-timing-text"
    assert register["informing_exemption"] == "informing-exemption-text"


def test_the_notice_shows_the_article_14_texts_under_the_sources(
    organisation: Controller,
) -> None:
    notice = notice_with(organisation, complete_register(organisation))
    page = _page(build_notice_content(notice))
    sources = page[page.index('id="s-sources"') : page.index('id="s-recipients"')]
    assert "source-name" in sources
    assert "<p>informing-timing-text</p>" in sources
    assert "<p>informing-exemption-text</p>" in sources


def test_a_register_with_only_the_timing_still_has_its_sources_section(
    organisation: Controller,
) -> None:
    register = _register(organisation, [], informing_timing="Kerromme kuukauden kuluessa.")
    page = _page(build_notice_content(notice_with(organisation, register)))
    assert 'id="s-sources"' in page
    assert "Kerromme kuukauden kuluessa." in page
    assert "kerätään seuraavista lähteistä" not in page


def test_content_without_the_new_keys_renders_as_before(organisation: Controller) -> None:
    register = _register(organisation, [SUBJECT])
    content = build_notice_content(notice_with(organisation, register))
    before = _page(content)
    for frozen in content["registers"]:
        del frozen["informing_timing"], frozen["informing_exemption"]
        for source in frozen["sources"]:
            del source["origin"]
    assert _page(content) == before


def test_the_origin_and_the_article_14_texts_travel_through_export_and_import(
    organisation: Controller,
) -> None:
    complete_register(organisation)
    document = json.loads(json.dumps(export_organisation(organisation)))
    assert document["sources"][0]["origin"] == "other"
    assert document["registers"][0]["informing_timing"] == "informing-timing-text"
    Controller.objects.filter(pk=organisation.pk).delete()

    import_organisation(document)

    register = Register.objects.get(controller__slug=document["controller"]["slug"])
    assert register.informing_timing == "informing-timing-text"
    assert register.informing_exemption == "informing-exemption-text"
    assert register.sources.get().origin == SourceOrigin.OTHER


def test_an_older_document_without_origins_imports_them_as_not_stated(
    organisation: Controller,
) -> None:
    complete_register(organisation)
    document = json.loads(json.dumps(export_organisation(organisation)))
    for source in document["sources"]:
        del source["origin"]
    for register in document["registers"]:
        del register["informing_timing"], register["informing_exemption"]
    Controller.objects.filter(pk=organisation.pk).delete()

    import_organisation(document)

    assert Source.objects.get().origin == SourceOrigin.NOT_STATED
    assert Register.objects.get().informing_timing == ""


def test_the_demo_notices_ask_about_their_unstated_sources() -> None:
    from registers.demo import load_demo

    load_demo()
    notice = PrivacyNotice.objects.get(controller__slug="timmi-software-oy")
    codes = {f.code.split(":")[0] for f in check_notice(notice)}
    # "Asiakaspalvelu ja tukipalvelut" does not say whom; "Vapaat tietolähteet" is public.
    assert "source_origin" in codes
    assert "informing" in codes
