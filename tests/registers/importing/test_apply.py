"""apply_proposal: an accepted proposal becomes rows, all or (with skip_invalid) the valid."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from privacy_notices.models import EarlierChange, NoticeRegister, PrivacyNotice
from registers.history import register_changes
from registers.importing.apply import (
    ProposalInvalid,
    apply_proposal,
    import_reason,
)
from registers.models import (
    Controller,
    DataCategory,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    RightProcedure,
    Transfer,
    TransferSafeguard,
)
from tests.factories import DataCategoryFactory, PrivacyNoticeFactory, RecipientFactory
from tests.registers.importing.proposals import item, sample_proposal, valid_proposal
from tests.walk import snapshot

pytestmark = pytest.mark.django_db

REASON = "Tuotu tiedostosta seloste.pdf"


def test_it_creates_the_register_with_its_parts_and_library_ticks(
    organisation: Controller, officer: User
) -> None:
    result = apply_proposal(valid_proposal(), organisation, officer, reason=REASON)

    [register] = result.registers
    assert result.skipped == []
    assert register.name == "Asiakasrekisteri"
    assert [p.description for p in register.purposes.all()] == [
        "Asiakkuuden hoitaminen",
        "Uutiskirjeen lähettäminen",
    ]
    assert [p.position for p in register.purposes.all()] == [0, 1]
    assert [c.name for c in register.data_categories.order_by("position")] == [
        "Nimi",
        "Sähköpostiosoite",
    ]
    transfer = Transfer.objects.get(register=register)
    assert transfer.recipient.name == "Google LLC"
    assert list(register.recipients.all()) == [transfer.recipient]
    rule = RetentionRule.objects.get(register=register)
    assert (rule.period, rule.period_unit) == (10, "years")
    organisation.refresh_from_db()
    assert organisation.email == "asiakaspalvelu@esimerkki.fi"


def test_an_imported_old_notice_keeps_its_privacy_shield_transfer(
    organisation: Controller, officer: User
) -> None:
    apply_proposal(valid_proposal(), organisation, officer, reason=REASON)

    assert Transfer.objects.get().safeguard == TransferSafeguard.PRIVACY_SHIELD


def test_a_template_cannot_choose_privacy_shield(organisation: Controller, officer: User) -> None:
    with pytest.raises(ProposalInvalid) as raised:
        apply_proposal(
            valid_proposal(origin="Asiakasrekisteri", origin_kind="template"),
            organisation,
            officer,
            reason="Luotu mallipohjasta Asiakasrekisteri",
        )

    assert "Privacy Shield" in raised.value.errors["r0-tr"]["safeguard"][0]


def test_the_created_registers_are_in_no_notice(organisation: Controller, officer: User) -> None:
    PrivacyNoticeFactory(controller=organisation)

    result = apply_proposal(valid_proposal(), organisation, officer, reason=REASON)

    assert not NoticeRegister.objects.filter(register__in=result.registers).exists()


def test_an_invalid_item_refuses_everything_with_the_fields_finnish_message(
    organisation: Controller, officer: User
) -> None:
    before = snapshot()

    with pytest.raises(ProposalInvalid) as raised:
        apply_proposal(sample_proposal(), organisation, officer, reason=REASON)

    # The purpose whose source named no legal basis: chosen by nobody yet.
    assert raised.value.errors == {"r0-p2": {"legal_basis": ["Tämä kenttä ei voi olla tyhjä."]}}
    assert snapshot() == before


def test_every_invalid_item_is_reported_at_once(organisation: Controller, officer: User) -> None:
    proposal = sample_proposal()
    proposal.items.append(item("r0-dc3", "data_category", 0, name="Terveystiedot", kind="special"))
    proposal.items.append(item("c-site", "controller", None, field="website", value="ei osoite"))

    with pytest.raises(ProposalInvalid) as raised:
        apply_proposal(proposal, organisation, officer, reason=REASON)

    errors = raised.value.errors
    assert set(errors) == {"r0-p2", "r0-dc3", "c-site"}
    assert "9 artiklan 2 kohdan peruste" in errors["r0-dc3"]["special_condition"][0]
    assert errors["c-site"] == {"value": ["Syötä oikea URL-osoite."]}


def test_a_duplicate_register_name_is_an_error_of_the_name(
    organisation: Controller, officer: User
) -> None:
    Register.objects.create(controller=organisation, name="Asiakasrekisteri")

    with pytest.raises(ProposalInvalid) as raised:
        apply_proposal(valid_proposal(), organisation, officer, reason=REASON)

    [message] = raised.value.errors["r0-name"]["value"]
    assert "on jo olemassa" in message


def test_skip_invalid_leaves_out_and_reports_the_invalid_items(
    organisation: Controller, officer: User
) -> None:
    result = apply_proposal(
        sample_proposal(), organisation, officer, reason=REASON, skip_invalid=True
    )

    [(skipped, messages)] = result.skipped
    assert skipped.key == "r0-p2"
    assert messages == ["Tämä kenttä ei voi olla tyhjä."]
    [register] = result.registers
    assert [p.description for p in register.purposes.all()] == ["Asiakkuuden hoitaminen"]
    assert register.data_categories.count() == 2


def test_skip_invalid_leaves_out_a_register_that_cannot_be_created_and_its_items(
    organisation: Controller, officer: User
) -> None:
    Register.objects.create(controller=organisation, name="Asiakasrekisteri")

    result = apply_proposal(
        valid_proposal(), organisation, officer, reason=REASON, skip_invalid=True
    )

    assert result.registers == []
    skipped = {item.key for item, _messages in result.skipped}
    assert {"r0-name", "r0-p1", "r0-dc1", "r0-tr"} <= skipped
    assert not Purpose.objects.exists()


def test_it_reuses_the_organisations_library_item_of_the_same_name(
    organisation: Controller, officer: User
) -> None:
    name = DataCategoryFactory(controller=organisation, name="nimi")

    [register] = apply_proposal(valid_proposal(), organisation, officer, reason=REASON).registers

    assert name in register.data_categories.all()
    assert DataCategory.objects.filter(controller=organisation).count() == 2


def test_it_ticks_the_existing_item_the_proposal_names(
    organisation: Controller, officer: User
) -> None:
    google = RecipientFactory(controller=organisation, name="Google Ireland Ltd")
    proposal = valid_proposal()
    for it in proposal.items:
        if it.kind == "recipient":
            it.values["existing"] = google.pk

    [register] = apply_proposal(proposal, organisation, officer, reason=REASON).registers

    assert list(register.recipients.all()) == [google]
    assert Transfer.objects.get().recipient == google
    assert Recipient.objects.count() == 1


def test_another_organisations_existing_item_is_ignored(
    organisation: Controller, other_organisation: Controller, officer: User
) -> None:
    theirs = RecipientFactory(controller=other_organisation, name="Google LLC")
    proposal = valid_proposal()
    for it in proposal.items:
        if it.kind == "recipient":
            it.values["existing"] = theirs.pk

    [register] = apply_proposal(proposal, organisation, officer, reason=REASON).registers

    [ours] = register.recipients.all()
    assert ours != theirs
    assert ours.controller == organisation
    assert theirs.registers.count() == 0


def test_one_import_creates_one_library_item_for_a_name_its_registers_share(
    organisation: Controller, officer: User
) -> None:
    proposal = valid_proposal()
    proposal.register_count = 2
    proposal.items += [
        item("r1-name", "register_field", 1, field="name", value="Markkinointirekisteri"),
        item("r1-dc1", "data_category", 1, name="Nimi", kind="ordinary"),
    ]

    first, second = apply_proposal(proposal, organisation, officer, reason=REASON).registers

    nimi = DataCategory.objects.get(controller=organisation, name="Nimi")
    assert nimi in first.data_categories.all()
    assert list(second.data_categories.all()) == [nimi]


def test_a_transfer_to_a_recipient_the_register_does_not_have_is_an_error(
    organisation: Controller, officer: User
) -> None:
    proposal = valid_proposal()
    proposal.items = [it for it in proposal.items if it.kind != "recipient"]

    with pytest.raises(ProposalInvalid) as raised:
        apply_proposal(proposal, organisation, officer, reason=REASON)

    assert "Google LLC" in raised.value.errors["r0-tr"]["recipient"][0]


def test_texts_placed_into_one_field_are_joined_as_paragraphs(
    organisation: Controller, officer: User
) -> None:
    proposal = valid_proposal()
    proposal.items += [
        item("r0-desc", "register_field", 0, field="description", value="Verkkokaupan asiakkaat."),
        item("place-8", "register_field", 0, 8, field="description", value="Myös myymälä."),
    ]

    [register] = apply_proposal(proposal, organisation, officer, reason=REASON).registers

    assert register.description == "Verkkokaupan asiakkaat.\n\nMyös myymälä."


def test_right_procedures_are_the_organisations(organisation: Controller, officer: User) -> None:
    proposal = valid_proposal()
    proposal.items.append(
        item("c-access", "right_procedure", None, 11, right="access", text="Kirjallisesti.")
    )

    apply_proposal(proposal, organisation, officer, reason=REASON)

    procedure = RightProcedure.objects.get()
    assert (procedure.controller, procedure.register, procedure.text) == (
        organisation,
        None,
        "Kirjallisesti.",
    )


def test_every_created_row_says_in_its_history_where_it_came_from(
    organisation: Controller, officer: User
) -> None:
    [register] = apply_proposal(valid_proposal(), organisation, officer, reason=REASON).registers

    records = [
        *register.history.all(),
        *Purpose.history.all(),
        *Transfer.history.all(),
        *DataCategory.history.all(),
        *Recipient.history.all(),
        *Controller.history.filter(id=organisation.pk, history_type="~"),
        *PrivacyNotice.history.all(),
        *EarlierChange.history.all(),
    ]
    assert {(r.history_change_reason, r.history_user) for r in records} == {(REASON, officer)}
    changes = register_changes(register)
    assert {change.reason for change in changes} == {REASON}


def test_the_change_reason_fits_the_history_column() -> None:
    reason = import_reason(origin_kind="file", origin="x" * 300 + ".pdf")

    assert len(reason) == 100
    assert reason.startswith("Tuotu tiedostosta xxx")
    assert import_reason(origin_kind="template", origin="Asiakasrekisteri") == (
        "Luotu mallipohjasta Asiakasrekisteri"
    )


# --- The notice's own texts (privacy_notices.importing) ----------------------------------


def test_without_a_notice_the_texts_go_to_a_new_unpublished_notice(
    organisation: Controller, officer: User
) -> None:
    result = apply_proposal(valid_proposal(), organisation, officer, reason=REASON)

    notice = PrivacyNotice.objects.get(controller=organisation)
    assert (notice.title, notice.slug) == ("Tietosuojaseloste", "tietosuojaseloste")
    assert notice.intro == "Tämä seloste koskee verkkokauppaa."
    assert [(str(c.date), c.text) for c in notice.earlier_history.all()] == [
        ("2020-12-09", "Lisätty evästeet")
    ]
    assert not notice.versions.exists()
    assert not notice.registers.filter(pk__in=[r.pk for r in result.registers]).exists()


def test_the_texts_fill_only_the_empty_fields_of_a_chosen_notice(
    organisation: Controller, officer: User
) -> None:
    notice = PrivacyNoticeFactory(controller=organisation, slug="tietosuojaseloste", intro="Oma.")
    proposal = valid_proposal()
    proposal.items.append(
        item("n-policy", "notice_field", None, field="change_policy", value="Päivitämme.")
    )

    apply_proposal(
        proposal, organisation, officer, reason=REASON, notice_choice={"notice": notice.pk}
    )

    notice.refresh_from_db()
    assert (notice.intro, notice.change_policy) == ("Oma.", "Päivitämme.")
    assert notice.earlier_history.count() == 1
    assert PrivacyNotice.objects.count() == 1


def test_the_officer_may_replace_the_notices_texts(organisation: Controller, officer: User) -> None:
    notice = PrivacyNoticeFactory(controller=organisation, intro="Oma.")

    apply_proposal(
        valid_proposal(),
        organisation,
        officer,
        reason=REASON,
        notice_choice={"notice": str(notice.pk), "replace": True},
    )

    notice.refresh_from_db()
    assert notice.intro == "Tämä seloste koskee verkkokauppaa."


def test_a_new_notice_beside_existing_ones_gets_a_free_slug(
    organisation: Controller, officer: User
) -> None:
    PrivacyNoticeFactory(controller=organisation, slug="tietosuojaseloste")

    apply_proposal(
        valid_proposal(), organisation, officer, reason=REASON, notice_choice={"notice": "new"}
    )

    assert PrivacyNotice.objects.filter(slug="tietosuojaseloste-2").exists()


def test_an_invalid_change_log_date_is_an_error_of_its_item(
    organisation: Controller, officer: User
) -> None:
    proposal = valid_proposal()
    proposal.items.append(item("n-future", "earlier_change", None, date="2999-01-01", text="x"))

    with pytest.raises(ProposalInvalid) as raised:
        apply_proposal(proposal, organisation, officer, reason=REASON)

    assert "tulevaisuudessa" in raised.value.errors["n-future"]["date"][0]
    assert not PrivacyNotice.objects.exists()


def test_another_organisations_notice_cannot_be_chosen(
    organisation: Controller, other_organisation: Controller, officer: User
) -> None:
    theirs = PrivacyNoticeFactory(controller=other_organisation, intro="")

    with pytest.raises(ProposalInvalid):
        apply_proposal(
            valid_proposal(),
            organisation,
            officer,
            reason=REASON,
            notice_choice={"notice": theirs.pk},
        )

    theirs.refresh_from_db()
    assert theirs.intro == ""
