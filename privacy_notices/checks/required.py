"""The items GDPR Art. 13 and 14 require of a notice, cited by where the data comes from."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.doubts import (
    INDEFINITE_RE,
    basis_plausibility_findings,
    tracking_recipient_findings,
    vague_retention_findings,
)
from privacy_notices.checks.findings import MISSING, WARNING, Findings, Origins
from privacy_notices.checks.special import joint_controller_findings, sensitive_data_findings
from privacy_notices.checks.transfers import outside_eea, withdrawn_safeguard_findings
from privacy_notices.rendering import join_names
from privacy_notices.third_countries import USUAL_MECHANISM
from registers.models import (
    BASES_REQUIRING_LAW,
    LegalBasis,
    ProvisionRequirement,
    RecipientsStatement,
    TransferSafeguard,
    TransfersStatement,
)


def controller_findings(found: Findings, controller: dict[str, Any]) -> None:
    if not controller["postal_address"] or not (controller["email"] or controller["phone"]):
        found.add(
            MISSING,
            "controller_contact",
            _("Rekisterinpitäjän osoite ja sähköposti tai puhelin puuttuvat"),
            found.origins.cite("13 art. 1 a", "14 art. 1 a"),
            where="controller",
            field="id_street_address",
        )
    dpo = controller["dpo"]
    if dpo["appointed"] and not (dpo["email"] or dpo["phone"]):
        found.add(
            MISSING,
            "dpo_contact",
            _("Tietosuojavastaavan yhteystiedot puuttuvat"),
            found.origins.cite("13 art. 1 b", "14 art. 1 b"),
            where="controller",
            field="id_dpo_email",
        )
    authority = controller["authority"]
    if not authority["name"] or not (
        authority["address"] or authority["email"] or authority["phone"]
    ):
        found.add(
            MISSING,
            "authority",
            _("Valvontaviranomaisen nimi tai yhteystiedot puuttuvat"),
            # GDPR Art. 13(2)(d), 14(2)(e): the right to lodge a complaint.
            found.origins.cite("13 art. 2 d", "14 art. 2 e"),
            where="controller",
            field="id_authority_name",
        )


def register_findings(found: Findings, register: dict[str, Any]) -> None:
    pk, name = register["id"], register["name"]
    # Art. 13 for data from the person, Art. 14 for data from elsewhere, or both.
    origins = Origins.of_register(register)

    def add(severity: str, code: str, message: str, article: str, field: str) -> None:
        found.add(
            severity,
            f"{code}:{pk}",
            message,
            article,
            where="register",
            field=field,
            register=pk,
        )

    purposes = register["purposes"]
    if not purposes:
        add(
            MISSING,
            "purposes",
            _("Käsittelyn tarkoitus puuttuu rekisteristä %s") % name,
            origins.cite("13 art. 1 c", "14 art. 1 c"),
            "purposes",
        )
    for purpose in purposes:
        if (
            purpose["legal_basis"] == LegalBasis.LEGITIMATE_INTERESTS
            and not purpose["legitimate_interest"].strip()
        ):
            add(
                MISSING,
                "legitimate_interest",
                _("Oikeutettu etu puuttuu rekisteristä %s") % name,
                # GDPR Art. 13(1)(d), 14(2)(b): the legitimate interests pursued.
                origins.cite("13 art. 1 d", "14 art. 2 b"),
                "purposes",
            )
        if purpose["legal_basis"] in BASES_REQUIRING_LAW and not purpose["law_reference"].strip():
            add(
                MISSING,
                "law_reference",
                _("Käsittelyn perusteena oleva laki puuttuu rekisteristä %s") % name,
                "6 art. 3 kohta",
                "purposes",
            )
    if not register["data_categories"]:
        add(
            MISSING,
            "data_categories",
            _("Tietosisältö puuttuu rekisteristä %s") % name,
            # GDPR Art. 14(1)(d) asks for the categories of data from elsewhere; Art. 13
            # does not, but Finnish notices show them and the record needs them (30(1)(c)).
            "14 art. 1 d" if origins.art14 else "30 art. 1 c",
            "id_data_categories",
        )
    if not register["data_subject_categories"]:
        add(
            WARNING,
            "data_subjects",
            _("Rekisteröityjen ryhmät puuttuvat rekisteristä %s") % name,
            "30 art. 1 c",
            "data_subject_categories",
        )
    if not register["sources"]:
        add(
            MISSING,
            "sources",
            _("Tietolähteet puuttuvat rekisteristä %s") % name,
            "14 art. 2 f",
            "id_sources",
        )
    disclosure_findings(add, register, origins)
    origin_findings(add, register, origins)
    for transfer in register["transfers"]:
        if (
            transfer["safeguard"]
            in (TransferSafeguard.STANDARD_CLAUSES, TransferSafeguard.BINDING_CORPORATE_RULES)
            and not transfer["safeguard_details"].strip()
        ):
            add(
                WARNING,
                "transfer_copy",
                _("Kerro rekisterissä %s, mistä siirron suojatoimista saa jäljennöksen") % name,
                origins.cite("13 art. 1 f", "14 art. 1 f"),
                "transfers",
            )
    rules = register["retention_rules"]
    if not rules:
        add(
            MISSING,
            "retention",
            _("Säilytysaika puuttuu rekisteristä %s") % name,
            # GDPR Art. 13(2)(a), 14(2)(a): the period or the criteria for it.
            origins.cite("13 art. 2 a", "14 art. 2 a"),
            "retention_rules",
        )
    elif any(INDEFINITE_RE.search(r["criteria"]) and not r["period_text"] for r in rules):
        add(
            WARNING,
            "indefinite_retention",
            _(
                "Säilytysaika on ”toistaiseksi” rekisterissä %s: kerro säilytysaika tai "
                "peruste, jolla se määräytyy"
            )
            % name,
            origins.cite("13 art. 2 a", "14 art. 2 a") + ", 5 art. 1 e",
            "retention_rules",
        )
    # GDPR Art. 13(2)(e) has no counterpart in Art. 14: the requirement to provide the
    # data concerns only data collected from the person.
    if origins.art13 and not register["provision_requirement"]:
        add(
            MISSING,
            "provision",
            _(
                "Tietojen antamisen pakollisuus (lakisääteinen tai sopimukseen perustuva "
                "vaatimus) puuttuu rekisteristä %s"
            )
            % name,
            "13 art. 2 e",
            "id_provision_requirement",
        )
    elif (
        origins.art13
        and register["provision_requirement"] != ProvisionRequirement.VOLUNTARY
        and not register["provision_consequences"].strip()
    ):
        # Art. 13(2)(e): "onko rekisteröidyn pakko toimittaa henkilötiedot ja mahdolliset
        # seuraukset, jos tällaisia tietoja ei toimiteta".
        add(
            MISSING,
            "provision_consequences",
            _(
                "Kerro rekisterissä %s, mitä seuraa, jos rekisteröity ei anna tietoja; "
                "voit käyttää vakiotekstiä ja muokata sitä"
            )
            % name,
            "13 art. 2 e",
            "id_provision_consequences",
        )
    if (register["automated_decisions"] or register["profiling"]) and not register[
        "automated_decisions_description"
    ].strip():
        add(
            MISSING,
            "automated",
            _("Automaattisen päätöksenteon tai profiloinnin kuvaus puuttuu rekisteristä %s") % name,
            # GDPR Art. 13(2)(f), 14(2)(g): the logic, significance and consequences.
            origins.cite("13 art. 2 f", "14 art. 2 g"),
            "id_automated_decisions_description",
        )
    if register["automated_decisions"] and not register["automated_decision_exception"]:
        # GDPR Art. 22(2): a solely automated decision is allowed only on (a) a
        # contract, (b) a law or (c) explicit consent; the notice names it (13(2)(f)).
        add(
            MISSING,
            "automated_exception",
            _(
                "Kerro rekisterissä %s, mihin 22 artiklan 2 kohdan poikkeukseen "
                "automaattiset päätökset perustuvat"
            )
            % name,
            "22 art. 2 kohta, " + origins.cite("13 art. 2 f", "14 art. 2 g"),
            "id_automated_decision_exception",
        )
    if not register["security_measures"]:
        add(
            WARNING,
            "security",
            _("Suojaustoimenpiteet puuttuvat rekisteristä %s") % name,
            "30 art. 1 g, 32 art.",
            "id_security_measures",
        )
    if register["covers_website"] and not (register["cookies"] or register["cookies_note"]):
        add(
            WARNING,
            "cookies",
            _("Evästeitä ei ole kuvattu rekisterissä %s") % name,
            origins.cite("13 art. 1 c", "14 art. 1 c")
            + ", sähköisen viestinnän palveluista annettu laki 205 §",
            "cookies",
        )
    # Issue 10: legal accuracy. One function per rule group.
    joint_controller_findings(add, register)
    sensitive_data_findings(found, register)
    withdrawn_safeguard_findings(add, register, origins)
    basis_plausibility_findings(add, register)
    vague_retention_findings(add, register)
    tracking_recipient_findings(add, register)


def disclosure_findings(add: Any, register: dict[str, Any], origins: Origins) -> None:
    """Recipients and transfers must be stated, never inferred from an empty list."""
    name = register["name"]
    recipients, transfers = register["recipients"], register["transfers"]
    statement = register["recipients_statement"]
    # GDPR Art. 13(1)(e), 14(1)(e): the recipients or categories of recipients.
    if not recipients and (
        statement == RecipientsStatement.LISTED
        or statement == RecipientsStatement.NOT_STATED
        and not register["recipients_note"].strip()
    ):
        add(
            MISSING,
            "recipients",
            _(
                "Kerro rekisterissä %s, kenelle tietoja luovutetaan (myös henkilötietojen "
                "käsittelijät), tai valitse, ettei tietoja luovuteta"
            )
            % name,
            origins.cite("13 art. 1 e", "14 art. 1 e"),
            "id_recipients_statement",
        )
    statement = register["transfers_statement"]
    # GDPR Art. 13(1)(f), 14(1)(f): transfers to a third country and their safeguards.
    if not transfers and (
        statement == TransfersStatement.LISTED
        or statement == TransfersStatement.NOT_STATED
        and not register["transfers_note"].strip()
    ):
        add(
            MISSING,
            "transfers_statement",
            _(
                "Kerro rekisterissä %s, siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle, ja "
                "luettele siirrot suojatoimineen"
            )
            % name,
            origins.cite("13 art. 1 f", "14 art. 1 f"),
            "id_transfers_statement",
        )
    # Art. 44: a recipient or tool outside the EU/EEA that no transfer covers.
    declared = [t["recipient"] for t in transfers]
    for outside in outside_eea(register):
        # A transfer row names it, or the note on transfers speaks of it.
        if any(outside.covered_by(t) for t in [*declared, register["transfers_note"]]):
            continue
        add(
            WARNING,
            f"undeclared_transfer:{outside.key}",
            _(
                "%(names)s rekisterissä %(register)s käsittelee tietoja todennäköisesti EU:n "
                "tai ETA:n ulkopuolella (%(country)s), mutta rekisterissä ei ole siirtoa "
                "sille. Lisää vastaanottaja ja siirto suojatoimineen tai kerro lisätiedoissa, "
                "miksi tietoja ei siirretä."
            )
            % {"names": join_names(outside.names), "register": name, "country": outside.country}
            + (f" {USUAL_MECHANISM}" if outside.provider else ""),
            origins.cite("13 art. 1 f", "14 art. 1 f") + ", 44–46 art.",
            "transfers",
        )


def origin_findings(add: Any, register: dict[str, Any], origins: Origins) -> None:
    """Whom each source is (Art. 13 or 14), and Art. 14's own items for data from elsewhere."""
    name = register["name"]
    unstated = [s["name"] for s in register["sources"] if not s.get("origin", "")]
    # GDPR Art. 13 or 14: which one applies depends on whom the data is collected from.
    if unstated:
        add(
            MISSING,
            "source_origin",
            _(
                "Kerro rekisterin %(register)s tietolähteistä, saadaanko tiedot "
                "rekisteröidyltä itseltään vai muualta (tietolähdekirjastossa): %(sources)s"
            )
            % {"register": name, "sources": join_names(unstated)},
            "13 art., 14 art.",
            "id_sources",
        )
    # GDPR Art. 14(3): when people whose data comes from elsewhere are told, unless an
    # Art. 14(5) exemption is relied on (e.g. (b) impossible or disproportionate
    # effort, (c) obtaining laid down by law).
    if (
        origins.from_elsewhere
        and not register.get("informing_timing", "").strip()
        and not register.get("informing_exemption", "").strip()
    ):
        add(
            MISSING,
            "informing",
            _(
                "Rekisteriin %s saadaan tietoja muualta kuin rekisteröidyltä itseltään: kerro, "
                "milloin rekisteröidyille kerrotaan niistä (viimeistään kuukauden kuluessa, "
                "ensimmäisen yhteydenoton tai ensimmäisen luovutuksen yhteydessä), tai "
                "peruste, jonka vuoksi heille ei kerrota"
            )
            % name,
            "14 art. 3, 14 art. 5",
            "id_informing_timing",
        )
