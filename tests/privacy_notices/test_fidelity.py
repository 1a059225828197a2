"""Issue 9: what the organisation said is published; what it did not say is not."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from privacy_notices.checks import check_notice
from privacy_notices.content import build_notice_content
from privacy_notices.interchange import export_organisation, import_organisation
from privacy_notices.pdf import html_to_pdf
from privacy_notices.record import build_record
from privacy_notices.rendering import render_notice_page
from privacy_notices.third_countries import is_third_country, known_provider
from registers.models import (
    PROVISION_CONSEQUENCE_SUGGESTIONS,
    Controller,
    Cookie,
    LegalBasis,
    ProvisionRequirement,
    Recipient,
    RecipientRole,
    RecipientsStatement,
    Register,
    Transfer,
    TransferSafeguard,
    TransfersStatement,
)
from tests.editor import register_post_data
from tests.factories import bare_register, notice_with
from tests.privacy_notices.conftest import page_text, pdf_text

pytestmark = pytest.mark.django_db

# Sentences by which a notice would announce the organisation's own omission.
OMISSION_RE = re.compile(
    r"ei ole (määritelty|määritellyt|ilmoitettu|ilmoittanut|kuvattu|kuvannut|liitetty)"
    r"|ei ilmoitettu|puuttuu|puuttuvat",
    re.IGNORECASE,
)
# Denials that an empty register must not publish: nobody said them.
UNSAID_DENIALS = [
    "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
    "Tietoja ei luovuteta säännönmukaisesti rekisterinpitäjän ulkopuolelle.",
    "Tietoja ei kerätä evästeillä.",
]


def _page(notice: object) -> str:
    return render_notice_page(build_notice_content(notice), draft=True)  # type: ignore[arg-type]


def _codes(notice: object) -> set[str]:
    return {f.code.split(":")[0] for f in check_notice(notice)}  # type: ignore[arg-type]


def test_an_empty_register_publishes_no_omission_and_no_unsaid_denial(
    organisation: Controller,
) -> None:
    register = Register.objects.create(controller=organisation, name="Tyhjä rekisteri")
    notice = notice_with(organisation, register)
    html = _page(notice)
    for text in (page_text(html), pdf_text(html_to_pdf(html))):
        assert OMISSION_RE.search(text) is None, OMISSION_RE.search(text)
        assert [d for d in UNSAID_DENIALS if d in text] == []
        assert "Tyhjä rekisteri" in text
    # The check lists every gap to the officer instead, each blocking.
    findings = {f.code.split(":")[0]: f for f in check_notice(notice)}
    for code in (
        "purposes",
        "data_categories",
        "sources",
        "recipients",
        "transfers_statement",
        "retention",
        "provision",
    ):
        assert findings[code].blocking, code


def test_a_notice_without_registers_announces_nothing(organisation: Controller) -> None:
    text = page_text(_page(notice_with(organisation)))
    assert OMISSION_RE.search(text) is None
    assert "no_registers" in _codes(notice_with(organisation, slug="toinen"))


def test_sections_nobody_stated_are_left_out_and_the_rest_renumbered(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", _page(notice_with(organisation, register)))
    # The summary above the numbered sections has no number.
    assert headings.pop(0) == "Lyhyesti"
    assert not any("siirto" in h.lower() or "luovutu" in h.lower() for h in headings)
    assert [int(h.split(".")[0]) for h in headings] == list(range(1, len(headings) + 1))


@pytest.mark.parametrize(
    ("statement", "note", "published", "finding"),
    [
        (TransfersStatement.NOT_STATED, "", [], True),
        (TransfersStatement.NONE, "", ["Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle."], False),
        (TransfersStatement.LISTED, "", [], True),
        (
            TransfersStatement.NOT_STATED,
            "Tietoja ei siirretä, ellei se ole teknisesti välttämätöntä.",
            ["Tietoja ei siirretä, ellei se ole teknisesti välttämätöntä."],
            False,
        ),
    ],
)
def test_transfers_say_what_the_organisation_stated(
    organisation: Controller, statement: str, note: str, published: list[str], finding: bool
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    Register.objects.filter(pk=register.pk).update(
        transfers_statement=statement, transfers_note=note
    )
    notice = notice_with(organisation, register)
    text = page_text(_page(notice))
    assert [p for p in published if p not in text] == []
    if statement != TransfersStatement.NONE:
        assert "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle." not in text
    assert ("transfers_statement" in _codes(notice)) is finding


def test_recipients_say_what_the_organisation_stated(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    notice = notice_with(organisation, register)
    assert "recipients" in _codes(notice)
    Register.objects.filter(pk=register.pk).update(recipients_statement=RecipientsStatement.NONE)
    assert "recipients" not in _codes(notice)
    text = page_text(_page(notice))
    assert "Tietoja ei luovuteta säännönmukaisesti rekisterinpitäjän ulkopuolelle." in text


def test_a_transfer_cannot_sit_beside_a_statement_that_there_are_none(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    register.transfers_statement = TransfersStatement.NONE
    register.save()
    recipient = Recipient.objects.create(controller=organisation, name="Pilvi Inc.")
    transfer = Transfer(
        register=register,
        recipient=recipient,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.STANDARD_CLAUSES,
    )
    with pytest.raises(ValidationError) as error:
        transfer.full_clean()
    assert "ettei tietoja siirretä" in str(error.value)


def test_the_editor_refuses_a_denial_beside_an_existing_transfer(
    client: Client, officer: User, organisation: Controller
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    recipient = Recipient.objects.create(controller=organisation, name="Pilvi Inc.")
    Transfer.objects.create(
        register=register,
        recipient=recipient,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.STANDARD_CLAUSES,
    )
    client.force_login(officer)
    data = register_post_data(register)
    data["transfers_statement"] = TransfersStatement.NONE
    data["transfers_note"] = "typed-note"
    response = client.post(f"/hallinta/{organisation.slug}/rekisterit/{register.pk}/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ettei tietoja siirretä EU:n tai ETA:n ulkopuolelle" in body
    assert "typed-note" in body
    register.refresh_from_db()
    assert register.transfers_statement == TransfersStatement.NOT_STATED


@pytest.mark.parametrize(
    ("country", "outside"),
    [
        ("Yhdysvallat", True),
        ("Intia", True),
        ("Iso-Britannia", True),
        ("Ruotsi", False),
        (" norja ", False),
        ("Germany", False),
        ("EU/ETA", False),
        ("", False),
    ],
)
def test_third_countries(country: str, outside: bool) -> None:
    assert is_third_country(country) is outside


def test_well_known_providers_are_recognised_by_name() -> None:
    assert known_provider("Google Analytics").name == "Google"  # type: ignore[union-attr]
    assert known_provider("Facebook Pixel").name == "Meta"  # type: ignore[union-attr]
    assert known_provider("", "Amazon Web Services").name == "Amazon"  # type: ignore[union-attr]
    assert known_provider("Microsoft 365").name == "Microsoft"  # type: ignore[union-attr]
    assert known_provider("Netvisor (Visma)") is None
    assert known_provider("Googlen kaltainen palvelu") is None


def _warnings(notice: object) -> list[str]:
    return [
        f.message
        for f in check_notice(notice)  # type: ignore[arg-type]
        if f.code.startswith("undeclared_transfer")
    ]


def test_a_known_provider_without_a_declared_transfer_is_warned_about(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Verkkosivusto", LegalBasis.CONSENT)
    Register.objects.filter(pk=register.pk).update(transfers_statement=TransfersStatement.NONE)
    for name in ("Google Analytics", "Google Tag Manager", "Leadfeeder"):
        Cookie.objects.create(register=register, name=name, purpose="Analytiikka")
    notice = notice_with(organisation, register)
    [warning] = _warnings(notice)
    assert "Google Analytics ja Google Tag Manager" in warning
    assert "Yhdysvallat" in warning
    assert "tietosuojakehys" in warning
    assert not [f for f in check_notice(notice) if f.code.startswith("undeclared") and f.blocking]

    # A note on transfers that speaks of the provider answers the warning ...
    Register.objects.filter(pk=register.pk).update(
        transfers_note="Google Analytics tallentaa tiedot EU:n alueella sijaitseville palvelimille."
    )
    assert _warnings(notice) == []
    Register.objects.filter(pk=register.pk).update(transfers_note="")
    assert len(_warnings(notice)) == 1

    # ... and so does declaring the transfer to the provider.
    Register.objects.filter(pk=register.pk).update(transfers_statement=TransfersStatement.LISTED)
    google = Recipient.objects.create(controller=organisation, name="Google LLC")
    register.recipients.add(google)
    Transfer.objects.create(
        register=register,
        recipient=google,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.DATA_PRIVACY_FRAMEWORK,
    )
    assert _warnings(notice) == []


def test_a_recipient_in_a_third_country_needs_a_transfer(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    notice = notice_with(organisation, register)
    offshore = Recipient.objects.create(
        controller=organisation, name="Tukipalvelu", country="Intia", role=RecipientRole.PROCESSOR
    )
    irish = Recipient.objects.create(
        controller=organisation, name="Microsoft Ireland", country="Irlanti"
    )
    register.recipients.add(offshore, irish)
    [warning] = _warnings(notice)
    assert "Tukipalvelu" in warning
    assert "Intia" in warning


def test_the_provision_requirement_saves_without_consequences_and_the_check_asks_for_them(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    register.provision_requirement = ProvisionRequirement.CONTRACT_PRECONDITION
    register.full_clean()
    register.save()
    notice = notice_with(organisation, register)
    finding = next(f for f in check_notice(notice) if f.code.startswith("provision_consequences"))
    assert finding.blocking
    assert finding.article == "13 art. 2 e"
    text = page_text(_page(notice))
    assert "Henkilötietojen antaminen on sopimuksen tekemisen edellytys." in text

    # Voluntary provision has no consequences to state.
    Register.objects.filter(pk=register.pk).update(
        provision_requirement=ProvisionRequirement.VOLUNTARY
    )
    assert "provision_consequences" not in _codes(notice)


def test_the_register_page_offers_the_standard_consequence_texts(
    client: Client, officer: User, register: Register
) -> None:
    client.force_login(officer)
    body = client.get(
        f"/hallinta/{register.controller.slug}/rekisterit/{register.pk}/"
    ).content.decode()
    for requirement, text in PROVISION_CONSEQUENCE_SUGGESTIONS.items():
        assert f'data-suggestion="{requirement.value}"' in body
        assert str(text) in body
    assert 'data-suggestions-target="id_provision_consequences"' in body


def test_a_cookie_is_described_under_the_tool_with_its_opt_out_link(
    organisation: Controller,
) -> None:
    register = bare_register(organisation, "Verkkosivusto", LegalBasis.CONSENT)
    Register.objects.filter(pk=register.pk).update(covers_website=True)
    Cookie.objects.create(
        register=register,
        name="Google Analytics",
        purpose="Analytiikka",
        provider="Google",
        description="Kerää tiedot sivujen katselusta.",
        opt_out="Voit estää seurannan selaimen lisäosalla.",
        opt_out_url="https://tools.google.com/dlpage/gaoptout",
    )
    html = _page(notice_with(organisation, register))
    cookies = html.split('id="s-cookies"')[1].split("</section>")[0]
    assert re.search(r"<h\d>Analytiikka</h\d>", cookies)
    item = re.search(r"<li>Google Analytics.*?</li>", cookies, re.S).group(0)  # type: ignore[union-attr]
    assert "Kerää tiedot sivujen katselusta." in item
    assert "Voit estää seurannan selaimen lisäosalla." in item
    assert '<a href="https://tools.google.com/dlpage/gaoptout" rel="noopener">' in item
    assert not re.search(r"<h\d>[^<]*Kerää tiedot", cookies)


def test_a_private_trader_is_named_with_the_trade_name_and_needs_no_business_id(
    organisation: Controller,
) -> None:
    Controller.objects.filter(pk=organisation.pk).update(
        name="Maija Virtanen", trade_name="Kotisiivous Virtanen", business_id=""
    )
    organisation.refresh_from_db()
    organisation.full_clean()
    assert organisation.display_name == "Kotisiivous Virtanen"
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    text = page_text(_page(notice_with(organisation, register)))
    assert "Kotisiivous Virtanen (Maija Virtanen)" in text
    assert "Maija Virtanen, toiminimi Kotisiivous Virtanen" in text
    assert "Y-tunnus" not in text
    assert "Toiminimi Kotisiivous Virtanen" in build_record(organisation)["organisation"][0][1]


def test_the_authority_visiting_address_is_printed_when_given(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    notice = notice_with(organisation, register)
    assert "Käyntiosoite" not in page_text(_page(notice))
    Controller.objects.filter(pk=organisation.pk).update(
        authority_visiting_address="Lintulahdenkuja 4, 00530 Helsinki"
    )
    notice.refresh_from_db()
    assert "Käyntiosoite: Lintulahdenkuja 4, 00530 Helsinki" in page_text(_page(notice))


def test_the_record_says_not_stated_rather_than_none(organisation: Controller) -> None:
    silent = bare_register(organisation, "Hiljainen", LegalBasis.CONTRACT)
    stated = bare_register(organisation, "Kertova", LegalBasis.CONTRACT)
    Register.objects.filter(pk=stated.pk).update(
        transfers_statement=TransfersStatement.NONE, recipients_statement=RecipientsStatement.NONE
    )
    rows = {row["register"]: row for row in build_record(organisation)["rows"]}
    assert rows[silent.name]["transfers"] == "Ei ilmoitettu"
    assert rows[silent.name]["recipients"] == "Ei ilmoitettu"
    assert rows[stated.name]["transfers"] == "Ei siirtoja EU:n tai ETA:n ulkopuolelle"
    assert rows[stated.name]["recipients"] == "Ei luovutuksia"


def test_schema_1_content_still_renders_its_old_statements(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    content = build_notice_content(notice_with(organisation, register))
    for key in ("recipients_statement", "transfers_statement", "transfers_note"):
        del content["registers"][0][key]
    content["registers"][0]["provision_requirement_label"] = "Lakisääteinen vaatimus"
    del content["registers"][0]["provision_statement"]
    text = page_text(render_notice_page(content, draft=True))
    assert "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle." in text
    assert "Lakisääteinen vaatimus." in text


def test_the_new_fields_travel_through_export_and_import(organisation: Controller) -> None:
    Controller.objects.filter(pk=organisation.pk).update(
        trade_name="Toiminimi", authority_visiting_address="Käyntiosoite 1"
    )
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    Register.objects.filter(pk=register.pk).update(
        transfers_statement=TransfersStatement.NONE,
        transfers_note="siirtohuomautus",
        recipients_statement=RecipientsStatement.LISTED,
    )
    register.recipients.add(
        Recipient.objects.create(controller=organisation, name="Palvelu", country="Norja")
    )
    Cookie.objects.create(
        register=register,
        name="Eväste",
        purpose="Analytiikka",
        description="kuvaus",
        opt_out="kielto",
        opt_out_url="https://example.com/opt-out",
    )
    document = export_organisation(Controller.objects.get(pk=organisation.pk))
    document["controller"]["slug"] = "kopio"
    document["controller"]["name"] = "Kopio Oy"
    copy = import_organisation(document)
    assert (copy.trade_name, copy.authority_visiting_address) == ("Toiminimi", "Käyntiosoite 1")
    imported = Register.objects.get(controller=copy)
    assert imported.transfers_statement == TransfersStatement.NONE
    assert imported.transfers_note == "siirtohuomautus"
    assert imported.recipients_statement == RecipientsStatement.LISTED
    assert imported.recipients.get().country == "Norja"
    cookie = imported.cookies.get()
    assert (cookie.description, cookie.opt_out, cookie.opt_out_url) == (
        "kuvaus",
        "kielto",
        "https://example.com/opt-out",
    )


def _migrate(register: Register) -> Register:
    module = importlib.import_module("registers.migrations.0006_fidelity")
    Register.objects.filter(pk=register.pk).update(transfers_statement="", recipients_statement="")
    module.state_what_registers_said(apps, None)
    register.refresh_from_db()
    return register


@pytest.mark.parametrize(
    ("note", "transfers", "recipients"),
    [
        ("", "", ""),
        ("Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.", "none", ""),
        ("Tietoja ei luovuteta EU:n tai ETA:n ulkopuolelle.", "none", ""),
        ("Tietoja ei luovuteta ulkopuolisille.", "", "none"),
        # A qualified denial is not a plain "no": publishing one would contradict it.
        ("Tietoja ei siirretä EU:n ulkopuolelle, ellei se ole teknisesti välttämätöntä.", "", ""),
        ("Rekisterin tietoja ei lähtökohtaisesti luovuteta eteenpäin.", "", ""),
    ],
)
def test_the_data_migration_keeps_the_meaning_of_existing_registers(
    organisation: Controller, note: str, transfers: str, recipients: str
) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    Register.objects.filter(pk=register.pk).update(recipients_note=note)
    register = _migrate(register)
    assert (register.transfers_statement, register.recipients_statement) == (
        transfers,
        recipients,
    )


def test_the_data_migration_reads_rows_as_listed(organisation: Controller) -> None:
    register = bare_register(organisation, "Asiakasrekisteri", LegalBasis.CONTRACT)
    recipient = Recipient.objects.create(controller=organisation, name="Pilvi Inc.")
    register.recipients.add(recipient)
    Transfer.objects.create(
        register=register,
        recipient=recipient,
        country="Yhdysvallat",
        safeguard=TransferSafeguard.STANDARD_CLAUSES,
    )
    register = _migrate(register)
    assert (register.transfers_statement, register.recipients_statement) == ("listed", "listed")
