"""The completeness check's legal-accuracy rules (issue 10, items 11-13)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from privacy_notices.checks import REPEALED_ACT_RE, Finding, check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.demo import publish_demo_notices
from privacy_notices.interchange import export_organisation, import_organisation
from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.rendering import render_notice_page
from registers.demo import load_demo
from registers.forms import TransferForm
from registers.models import (
    Controller,
    Cookie,
    DataCategory,
    DataCategoryKind,
    DataSubjectCategory,
    LegalBasis,
    Purpose,
    Recipient,
    RecipientRole,
    Register,
    RetentionRule,
    SpecialCategoryCondition,
    Transfer,
    TransferSafeguard,
)
from tests.factories import bare_register, notice_with
from tests.privacy_notices.conftest import page_text

pytestmark = pytest.mark.django_db


def _findings(organisation: Controller, register: Register | None = None) -> list[Finding]:
    registers = [register] if register else []
    return check_notice(notice_with(organisation, *registers))


def _one(organisation: Controller, register: Register, code: str) -> Finding:
    (finding,) = [f for f in _findings(organisation, register) if f.code.startswith(code)]
    return finding


def _codes(findings: list[Finding], *, blocking: bool) -> list[str]:
    return [f.code.split(":")[0] for f in findings if f.blocking is blocking]


def _with_subjects(
    organisation: Controller, basis: str, *subjects: str, name: str = "Yhteystietorekisteri"
) -> Register:
    register = bare_register(organisation, name, basis)
    for name in subjects:
        DataSubjectCategory.objects.create(register=register, name=name)
    return register


# --- Item 11: joint controllers, representative, special categories ------------------------


def test_a_joint_controller_without_the_arrangement_is_a_missing_item(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    partner = Recipient.objects.create(
        controller=organisation, name="Kumppani Oy", role=RecipientRole.JOINT_CONTROLLER
    )
    register.recipients.add(partner)
    finding = _one(organisation, register, "joint")
    assert finding.blocking
    assert "Kumppani Oy" in finding.message and "Asiakasrekisteri" in finding.message
    assert finding.article == "26 art. 2 kohta"
    assert finding.fix_url.endswith(f"/rekisterit/{register.pk}/#id_joint_controller_arrangement")

    register.joint_controller_arrangement = "Kumppani vastaa rekisteröidyn pyynnöistä."
    register.save()
    assert "joint_controller_arrangement" not in _codes(
        _findings(organisation, register), blocking=True
    )


def test_a_processor_needs_no_joint_controller_arrangement(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    register.recipients.add(Recipient.objects.create(controller=organisation, name="Pilvi Oy"))
    assert "joint_controller_arrangement" not in _codes(
        _findings(organisation, register), blocking=True
    )


def test_a_controller_outside_the_eea_needs_a_representative(organisation: Controller) -> None:
    Controller.objects.filter(pk=organisation.pk).update(country="Yhdysvallat")
    organisation.refresh_from_db()
    (finding,) = [f for f in _findings(organisation) if f.code == "representative"]
    assert finding.blocking
    assert "Yhdysvallat" in finding.message
    assert finding.article == "27 art., 13 art. 1 a"
    assert finding.fix_url.endswith("/rekisterinpitaja/#id_representative")

    Controller.objects.filter(pk=organisation.pk).update(representative="Edustaja Oy, Helsinki")
    organisation.refresh_from_db()
    assert "representative" not in _codes(_findings(organisation), blocking=True)


@pytest.mark.parametrize("country", ["Suomi", "Norja", "Islanti", "Liechtenstein", ""])
def test_a_controller_in_the_eu_or_eea_needs_no_representative(
    organisation: Controller, country: str
) -> None:
    Controller.objects.filter(pk=organisation.pk).update(country=country)
    organisation.refresh_from_db()
    assert "representative" not in _codes(_findings(organisation), blocking=True)


def _special(organisation: Controller, condition: str, law: str = "") -> Register:
    register = bare_register(organisation, "Henkilöstörekisteri", LegalBasis.LEGAL_OBLIGATION)
    register.data_categories.add(
        DataCategory.objects.create(
            controller=organisation,
            name="Terveystiedot",
            kind=DataCategoryKind.SPECIAL,
            special_condition=condition,
            law_reference=law,
        )
    )
    return register


@pytest.mark.parametrize("condition", ["b", "g", "h", "i", "j"])
def test_a_special_category_on_a_condition_resting_on_law_needs_the_law(
    organisation: Controller, condition: str
) -> None:
    register = _special(organisation, condition)
    finding = _one(organisation, register, "special")
    assert finding.blocking
    assert "Terveystiedot" in finding.message and "Henkilöstörekisteri" in finding.message
    assert finding.article == "9 art. 2 b, g–j, tietosuojalaki 6 §"
    assert finding.fix_url == "/hallinta/oma-organisaatio-oy/tietoryhmat/#"


def test_a_special_category_with_its_law_or_on_explicit_consent_is_not_flagged(
    organisation: Controller,
) -> None:
    with_law = _special(organisation, "h", law="työterveyshuoltolaki 1383/2001")
    assert "special_category_law" not in _codes(_findings(organisation, with_law), blocking=True)
    Register.objects.all().delete()
    DataCategory.objects.all().delete()
    consent = _special(organisation, SpecialCategoryCondition.EXPLICIT_CONSENT)
    assert "special_category_law" not in _codes(_findings(organisation, consent), blocking=True)


def test_the_law_of_a_special_category_is_shown_next_to_its_condition(
    organisation: Controller,
) -> None:
    register = _special(organisation, "b", law="laki yksityisyyden suojasta työelämässä")
    notice = notice_with(organisation, register)
    text = page_text(render_notice_page(build_notice_content(notice), draft=True))
    assert "(9 art. 2 b); säädös: laki yksityisyyden suojasta työelämässä)" in text


def test_an_ordinary_category_takes_no_law_reference(organisation: Controller) -> None:
    category = DataCategory(controller=organisation, name="Nimi", law_reference="laki")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "law_reference" in error.value.message_dict


def test_criminal_data_cites_section_7_of_the_data_protection_act(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Turvallisuusrekisteri", LegalBasis.LEGAL_OBLIGATION)
    category = DataCategory.objects.create(
        controller=organisation, name="Rikostaustaote", kind=DataCategoryKind.CRIMINAL
    )
    register.data_categories.add(category)
    finding = _one(organisation, register, "criminal")
    assert not finding.blocking
    assert finding.article == "10 art., tietosuojalaki 7 §"
    assert "7 §" in finding.message

    DataCategory.objects.filter(pk=category.pk).update(law_reference="laki 504/2002, 6 §")
    assert "criminal" not in _codes(_findings(organisation, register), blocking=False)


def test_processing_the_identity_code_is_a_warning_citing_section_29(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    register.data_categories.add(
        DataCategory.objects.create(
            controller=organisation, name="Henkilötunnus", kind=DataCategoryKind.IDENTITY_CODE
        )
    )
    finding = _one(organisation, register, "identity")
    assert not finding.blocking
    assert finding.article == "tietosuojalaki 29 §"
    assert "suostumuksella" in finding.message and "asiakirjoihin" in finding.message


def test_ordinary_data_raises_no_sensitive_data_finding(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    register.data_categories.add(DataCategory.objects.create(controller=organisation, name="Nimi"))
    codes = {f.code.split(":")[0] for f in _findings(organisation, register)}
    assert not codes & {"special_category_law", "criminal", "identity_code"}


# --- Item 12: outdated content blocks; Privacy Shield cannot be chosen anew -------------


def _shield_register(organisation: Controller) -> tuple[Register, Recipient]:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    recipient = Recipient.objects.create(controller=organisation, name="Salesforce")
    register.recipients.add(recipient)
    return register, recipient


def test_privacy_shield_cannot_be_chosen_for_a_new_transfer(organisation: Controller) -> None:
    register, recipient = _shield_register(organisation)
    transfer = Transfer(
        register=register,
        recipient=recipient,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.PRIVACY_SHIELD,
    )
    with pytest.raises(ValidationError) as error:
        transfer.full_clean()
    assert "C-311/18" in error.value.message_dict["safeguard"][0]


def test_a_transfer_that_already_rests_on_privacy_shield_can_still_be_edited(
    organisation: Controller,
) -> None:
    register, recipient = _shield_register(organisation)
    transfer = Transfer.objects.create(
        register=register,
        recipient=recipient,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.PRIVACY_SHIELD,
    )
    transfer.safeguard_details = "Korjataan myöhemmin."
    transfer.full_clean()
    # Changing away and back is a new choice.
    other = Transfer.objects.create(
        register=register, recipient=recipient, country="Kanada", safeguard="adequacy"
    )
    other.safeguard = TransferSafeguard.PRIVACY_SHIELD
    with pytest.raises(ValidationError):
        other.full_clean()


def test_the_transfer_form_offers_privacy_shield_only_to_a_row_that_has_it(
    organisation: Controller,
) -> None:
    register, recipient = _shield_register(organisation)
    new = TransferForm(instance=Transfer(register=register))
    assert "privacy_shield" not in [value for value, _ in new.fields["safeguard"].choices]
    stored = Transfer.objects.create(
        register=register,
        recipient=recipient,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.PRIVACY_SHIELD,
    )
    old = TransferForm(instance=stored)
    assert "privacy_shield" in [value for value, _ in old.fields["safeguard"].choices]


def test_an_old_export_with_privacy_shield_still_imports() -> None:
    load_demo()
    document = json.loads(
        json.dumps(export_organisation(Controller.objects.get(slug="smartum-oy")))
    )
    imported = import_organisation(document, slug="smartum-kopio")
    assert set(
        Transfer.objects.filter(register__controller=imported).values_list("safeguard", flat=True)
    ) == {TransferSafeguard.PRIVACY_SHIELD}


def test_the_demo_publishes_with_its_outdated_content_acknowledged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "privacy_notices.publishing.render_notice_pdf", lambda content: b"%PDF-1.7\n"
    )
    load_demo()
    publish_demo_notices()
    smartum = NoticeVersion.objects.get(controller__slug="smartum-oy")
    codes = [issue["code"] for issue in smartum.acknowledged_issues]
    assert sum(code.startswith("privacy_shield:") for code in codes) == 2
    timmi = NoticeVersion.objects.get(controller__slug="timmi-software-oy")
    assert any(
        issue["code"] == "repealed_act:notice:" and "523/1999" in issue["message"]
        for issue in timmi.acknowledged_issues
    )


@pytest.mark.parametrize(
    "text",
    [
        "Henkilötietolain 10 §:n mukainen rekisteriseloste",
        "Seloste on laadittu henkilötietolakiin perustuen.",
        "henkilötietolaissa säädetty",
        "HENKILÖTIETOLAKI",
        "laki 523/1999",
        "Rekisteriselosteen päivitys",
        "Rekisteröidyllä on tarkastus-, kielto- ja korjausoikeus.",
        "Rekisteröity voi käyttää tarkastus-, kielto-, ja korjausoikeuttaan.",
        "tarkastus- ja korjausoikeus",
    ],
)
def test_the_repealed_act_and_its_terms_are_recognised(text: str) -> None:
    assert REPEALED_ACT_RE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tietosuojalaki (1050/2018) ja tietosuojalain 6 §",
        "tietosuojalakiin perustuen",
        "Henkilötietolainsäädännön mukainen tietosuojaseloste",
        "Tietosuojaseloste",
        "Käsittelijän tarkastusoikeus (28 art. 3 h)",
    ],
)
def test_current_law_and_neutral_words_are_not_flagged_as_repealed(text: str) -> None:
    assert not REPEALED_ACT_RE.search(text)


def test_an_old_term_in_a_register_blocks_and_names_the_register(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    Register.objects.filter(pk=register.pk).update(
        description="Tämä rekisteriseloste kuvaa asiakasrekisterin."
    )
    finding = _one(organisation, register, "repealed")
    assert finding.blocking
    assert "Asiakasrekisteri" in finding.message and "”rekisteriseloste”" in finding.message


# --- Item 13: legal basis plausibility (warnings) ---------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "Asiakasyritysten yhteyshenkilöt",
        "Yritysasiakkaiden edustajat",
        "Toimittajien ja alihankkijoiden yhteyshenkilöt",
    ],
)
def test_contract_for_contact_persons_of_companies_is_doubted(
    organisation: Controller, subject: str
) -> None:
    register = _with_subjects(organisation, LegalBasis.CONTRACT, subject)
    (finding,) = [
        f for f in _findings(organisation, register) if f.code.startswith("contract_for_c")
    ]
    assert not finding.blocking
    assert finding.article == "6 art. 1 b, EDPB:n ohjeet 2/2019"


def test_contact_persons_on_legitimate_interest_or_consumers_on_contract_are_not_doubted(
    organisation: Controller,
) -> None:
    interest = _with_subjects(
        organisation, LegalBasis.LEGITIMATE_INTERESTS, "Asiakasyritysten yhteyshenkilöt"
    )
    assert "contract_for_contact_persons" not in _codes(
        _findings(organisation, interest), blocking=False
    )
    consumers = _with_subjects(
        organisation, LegalBasis.CONTRACT, "Kuluttaja-asiakkaat", name="Kuluttajat"
    )
    assert "contract_for_contact_persons" not in _codes(
        _findings(organisation, consumers), blocking=False
    )


@pytest.mark.parametrize("subject", ["Työnhakijat", "Työntekijät", "Henkilöstö", "Hakijat"])
def test_consent_of_employees_or_applicants_is_doubted(
    organisation: Controller, subject: str
) -> None:
    register = _with_subjects(organisation, LegalBasis.CONSENT, subject)
    finding = _one(organisation, register, "consent_in")
    assert not finding.blocking
    assert "EDPB:n ohjeet 05/2020" in finding.article
    assert "laki yksityisyyden suojasta työelämässä" in finding.article


def test_employees_on_a_legal_obligation_and_customers_on_consent_are_not_doubted(
    organisation: Controller,
) -> None:
    staff = _with_subjects(organisation, LegalBasis.LEGAL_OBLIGATION, "Työntekijät")
    assert "consent_in_employment" not in _codes(_findings(organisation, staff), blocking=False)
    customers = _with_subjects(
        organisation, LegalBasis.CONSENT, "Uutiskirjeen tilaajat", name="Uutiskirje"
    )
    assert "consent_in_employment" not in _codes(_findings(organisation, customers), blocking=False)


@pytest.mark.parametrize(
    "text",
    [
        "Asiakas antaa hiljaisen suostumuksensa käyttämällä palvelua.",
        "Rekisteröidyn katsotaan antaneen suostumuksensa, kun hän ei kiellä käsittelyä.",
        "Käsittely edellyttää, että suostumus yksikäsitteisesti ilmenee asiayhteydestä.",
        "Suostumus ilmenee rekisteröidyn asiayhteydestä yritykseen.",
        "Käyttämällä sivustoa hyväksyt evästeiden käytön.",
    ],
)
def test_implied_consent_phrases_are_doubted(organisation: Controller, text: str) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONSENT)
    Register.objects.filter(pk=register.pk).update(purposes_note=text)
    finding = _one(organisation, register, "implied")
    assert not finding.blocking
    assert finding.article == "4 art. 11 kohta, 7 art. 1 kohta, johdanto-osan 32 kappale"


def test_explicit_consent_and_context_without_consent_are_not_doubted(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONSENT)
    Register.objects.filter(pk=register.pk).update(
        purposes_note="Rekisteröity antaa nimenomaisen suostumuksensa rastittamalla ruudun. "
        "Asiayhteydestä riippuen tietoja käytetään asiakaspalvelussa."
    )
    assert "implied_consent" not in _codes(_findings(organisation, register), blocking=False)


def test_contract_as_the_basis_of_marketing_is_doubted(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri")
    Purpose.objects.create(
        register=register,
        description="Markkinoinnin kohdentaminen",
        legal_basis=LegalBasis.CONTRACT,
    )
    (finding,) = [
        f for f in _findings(organisation, register) if f.code.startswith("contract_for_m")
    ]
    assert not finding.blocking
    assert "6 art. 1 b" in finding.article


def test_marketing_on_consent_is_not_doubted(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri")
    Purpose.objects.create(
        register=register, description="Suoramarkkinointi", legal_basis=LegalBasis.CONSENT
    )
    Purpose.objects.create(
        register=register, description="Tilausten toimittaminen", legal_basis=LegalBasis.CONTRACT
    )
    assert "contract_for_marketing" not in _codes(_findings(organisation, register), blocking=False)


def test_a_retention_rule_with_neither_period_nor_criterion_is_doubted(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    RetentionRule.objects.create(register=register, criteria="Tietoja säilytetään tarpeen mukaan.")
    finding = _one(organisation, register, "vague")
    assert not finding.blocking
    assert finding.article == "13 art. 2 a, 5 art. 1 e"


@pytest.mark.parametrize(
    "criteria",
    [
        "Säilytetään asiakassuhteen ajan.",
        "Tiedot poistetaan, kun asiakkuus päättyy.",
        "Kunnes rekisteröity peruuttaa suostumuksensa.",
        "Kirjanpitolain mukaisesti.",
        "Kaksi vuotta viimeisestä yhteydenotosta.",
        "Säilytetään toistaiseksi.",  # the indefinite warning covers it
    ],
)
def test_a_retention_criterion_is_not_doubted_as_vague(
    organisation: Controller, criteria: str
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    RetentionRule.objects.create(register=register, criteria=criteria)
    assert "vague_retention" not in _codes(_findings(organisation, register), blocking=False)


def test_a_cookie_provider_missing_from_the_recipients_is_flagged(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Verkkosivusto", LegalBasis.CONSENT)
    Cookie.objects.create(register=register, name="Facebook Pixel", purpose="Markkinointi")
    Cookie.objects.create(register=register, name="_ga", purpose="Analytiikka", provider="Google")
    findings = [f for f in _findings(organisation, register) if f.code.startswith("tracking")]
    assert sorted(f.code.split(":")[1] for f in findings) == ["Google", "Meta"]
    assert all(not f.blocking and "C-40/17" in f.article for f in findings)
    assert all("205 §" in f.article for f in findings)
    assert findings[0].fix_url.endswith("#luovutukset")


def test_a_cookie_provider_among_the_recipients_or_a_first_party_cookie_is_not_flagged(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Verkkosivusto", LegalBasis.CONSENT)
    register.recipients.add(
        Recipient.objects.create(
            controller=organisation, name="Google Ireland Ltd", role=RecipientRole.PROCESSOR
        )
    )
    Cookie.objects.create(register=register, name="_ga", purpose="Analytiikka", provider="Google")
    Cookie.objects.create(register=register, name="sessionid", purpose="Istunto")
    assert "tracking_recipient" not in _codes(_findings(organisation, register), blocking=False)


def test_the_demo_notices_show_the_basis_warnings_their_seeds_warrant() -> None:
    load_demo()
    warnings = {
        slug: _codes(check_notice(PrivacyNotice.objects.get(controller__slug=slug)), blocking=False)
        for slug in ("smart-time-oy", "smartum-oy", "timmi-software-oy")
    }
    assert "contract_for_contact_persons" in warnings["smart-time-oy"]
    assert "consent_in_employment" in warnings["smart-time-oy"]
    assert "contract_for_marketing" in warnings["smartum-oy"]
    assert "tracking_recipient" in warnings["smartum-oy"]
    assert "implied_consent" in warnings["timmi-software-oy"]
