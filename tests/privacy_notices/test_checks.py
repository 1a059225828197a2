from __future__ import annotations

import pytest

from privacy_notices.checks import check_notice
from privacy_notices.models import PrivacyNotice
from registers.demo import load_demo
from registers.models import (
    Controller,
    LegalBasis,
    ProvisionRequirement,
    Register,
    RetentionRule,
)
from tests.factories import bare_register, notice_with

pytestmark = pytest.mark.django_db


def _texts(notice: PrivacyNotice, *, blocking: bool) -> list[str]:
    return [f.text for f in check_notice(notice) if f.blocking is blocking]


def test_a_complete_notice_has_no_missing_items(notice: PrivacyNotice) -> None:
    assert _texts(notice, blocking=True) == []


def test_missing_retention_is_listed_in_plain_finnish_with_the_article(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    missing = _texts(notice_with(organisation, register), blocking=True)
    # No source yet: either article may apply, so both are cited.
    retention = "Säilytysaika puuttuu rekisteristä Asiakasrekisteri (13 art. 2 a, 14 art. 2 a)"
    assert retention in missing
    assert "Tietosisältö puuttuu rekisteristä Asiakasrekisteri (14 art. 1 d)" in missing
    assert "Tietolähteet puuttuvat rekisteristä Asiakasrekisteri (14 art. 2 f)" in missing


def test_each_finding_links_to_the_field_that_fixes_it(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    findings = check_notice(notice_with(organisation, register))
    (retention,) = [f for f in findings if f.code == f"retention:{register.pk}"]
    assert retention.fix_url == (
        f"/hallinta/oma-organisaatio-oy/rekisterit/{register.pk}/#sailytys"
    )
    (provision,) = [f for f in findings if f.code == f"provision:{register.pk}"]
    assert provision.fix_url.endswith("#id_provision_requirement")


def test_a_notice_without_registers_is_incomplete(organisation: Controller) -> None:
    assert any("yhtään rekisteriä" in t for t in _texts(notice_with(organisation), blocking=True))


def test_missing_controller_contact_details_are_flagged(organisation: Controller) -> None:
    Controller.objects.filter(pk=organisation.pk).update(email="", phone="")
    organisation.refresh_from_db()
    missing = _texts(notice_with(organisation), blocking=True)
    assert any(t.endswith("(13 art. 1 a, 14 art. 1 a)") for t in missing)


def test_the_privacy_shield_transfers_of_the_demo_smartum_notice_block_publishing() -> None:
    load_demo()
    notice = PrivacyNotice.objects.get(controller__slug="smartum-oy")
    shield = [t for t in _texts(notice, blocking=True) if "Privacy Shield" in t]
    assert len(shield) == 2
    assert "16.7.2020" in shield[0]
    assert "Salesforce (Yhdysvallat)" in shield[0]
    # Its sources are the customer and public sources: Art. 13 and 14 both apply.
    assert shield[0].endswith("(13 art. 1 f, 14 art. 1 f, 44–46 art.)")
    assert not any("Privacy Shield" in t for t in _texts(notice, blocking=False))


def test_the_repealed_personal_data_act_in_the_demo_timmi_notice_blocks_publishing() -> None:
    load_demo()
    notice = PrivacyNotice.objects.get(controller__slug="timmi-software-oy")
    assert any("523/1999" in t and "1.1.2019" in t for t in _texts(notice, blocking=True))
    assert not any("523/1999" in t for t in _texts(notice, blocking=False))


def test_it_warns_about_retention_until_further_notice() -> None:
    load_demo()
    notice = PrivacyNotice.objects.get(controller__slug="smart-time-oy")
    warnings = _texts(notice, blocking=False)
    assert any("Toimittajarekisteri" in w and "toistaiseksi" in w for w in warnings)
    assert not any("Asiakasrekisteri" in w and "toistaiseksi" in w for w in warnings)


def test_the_demo_notices_lack_the_statement_on_providing_data() -> None:
    load_demo()
    notice = PrivacyNotice.objects.get(controller__slug="timmi-software-oy")
    assert any(t.endswith("(13 art. 2 e)") for t in _texts(notice, blocking=True))
    Register.objects.filter(controller__slug="timmi-software-oy").update(
        provision_requirement=ProvisionRequirement.VOLUNTARY
    )
    assert not any(t.endswith("(13 art. 2 e)") for t in _texts(notice, blocking=True))


def test_a_retention_period_with_toistaiseksi_in_its_criteria_is_not_doubted(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    RetentionRule.objects.create(
        register=register, period=2, period_unit="years", criteria="Ei säilytetä toistaiseksi."
    )
    warnings = _texts(notice_with(organisation, register), blocking=False)
    assert not any("toistaiseksi" in w for w in warnings)
