"""The completeness check of a notice against GDPR Art. 13 and 14.

Each finding is a sentence in plain Finnish with the article it comes from and a
link to the field that fixes it. A *missing* finding blocks publishing until it is
fixed or the editor acknowledges it; a *warning* (outdated or doubtful content)
does not. See ../shared/GDPR_CHECKLIST.md.

Fix links point at the editor: the register page's section, the controller
details page, or the notice's own edit page (``EDITOR_PAGES``, ``REGISTER_SECTIONS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from privacy_notices.content import build_notice_content
from privacy_notices.models import PrivacyNotice
from privacy_notices.rendering import join_names
from privacy_notices.third_countries import (
    USUAL_MECHANISM,
    KnownProvider,
    is_third_country,
    known_provider,
)
from registers.models import (
    BASES_REQUIRING_LAW,
    DataSubjectRight,
    LegalBasis,
    ProvisionRequirement,
    RecipientRole,
    RecipientsStatement,
    SourceOrigin,
    SpecialCategoryCondition,
    TransferSafeguard,
    TransfersStatement,
)

MISSING = "missing"
WARNING = "warning"

# Where each finding is fixed: the editor page (URL name) and, on the register
# page, the section that holds a field without an id of its own (checkbox
# groups and inline formsets); other fields are linked by their id.
EDITOR_PAGES = {
    "register": "registers:register",
    "controller": "registers:controller",
    "notice": "privacy_notices:notice_edit",
    "data_categories": "registers:tietoryhmat_list",
}
REGISTER_SECTIONS = {
    "purposes": "tarkoitukset",
    "data_subject_categories": "rekisteroidyt",
    "transfers": "siirrot",
    "retention_rules": "sailytys",
    "cookies": "evasteet",
    "id_data_categories": "tietosisalto",
    "id_sources": "lahteet",
    "id_security_measures": "suojaus",
    "id_recipients": "luovutukset",
}

# Henkilötietolaki 523/1999, repealed 1.1.2019 by tietosuojalaki 1050/2018, and the
# terms it coined: the act in any inflection (henkilötietolaki, -lain, -lakiin,
# -laissa, ...) but not "henkilötietolainsäädäntö" (personal data legislation, still
# apt) nor "tietosuojalaki"; its "rekisteriseloste" (10 §); its "tarkastus-, kielto- ja
# korjausoikeus" (26-30 §).
REPEALED_ACT_RE = re.compile(
    r"\bhenkilötietola(?:ki|i(?!nsäädän))\w*"
    r"|\b523/1999\b"
    r"|\brekisteriselost\w*"
    r"|\btarkastus-\s*,?\s*(?:kielto-\s*,?\s*)?(?:ja\s+)?korjausoikeu\w*",
    re.IGNORECASE,
)
INDEFINITE_RE = re.compile(r"\btoistaiseksi\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    article: str
    fix_url: str

    @property
    def blocking(self) -> bool:
        return self.severity == MISSING

    @property
    def text(self) -> str:
        return f"{self.message} ({self.article})"

    def as_record(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "article": self.article}


class _Findings:
    def __init__(self, notice: PrivacyNotice) -> None:
        self.notice = notice
        self.org = notice.controller.slug
        self.items: list[Finding] = []
        # Art. 13 and/or 14 for the notice as a whole (set by check_content).
        self.origins = _Origins(from_subject=False, from_elsewhere=False, unknown=True)

    def add(
        self,
        severity: str,
        code: str,
        message: str,
        article: str,
        *,
        where: str,
        field: str,
        register: int | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {"org": self.org}
        if where == "register":
            kwargs["register_pk"] = register
            field = REGISTER_SECTIONS.get(field, field)
        elif where == "notice":
            kwargs["notice_pk"] = self.notice.pk
        url = reverse(EDITOR_PAGES[where], kwargs=kwargs)
        self.items.append(Finding(code, severity, message, article, f"{url}#{field}"))


def _controller_findings(found: _Findings, controller: dict[str, Any]) -> None:
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


def _register_findings(found: _Findings, register: dict[str, Any]) -> None:
    pk, name = register["id"], register["name"]
    # Art. 13 for data from the person, Art. 14 for data from elsewhere, or both.
    origins = _Origins.of_register(register)

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
    _disclosure_findings(add, register)
    _origin_findings(add, register, origins)
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
    _joint_controller_findings(add, register)
    _sensitive_data_findings(found, register)
    _withdrawn_safeguard_findings(add, register)
    _basis_plausibility_findings(add, register)
    _vague_retention_findings(add, register)
    _tracking_recipient_findings(add, register)


def _disclosure_findings(add: Any, register: dict[str, Any]) -> None:
    """Recipients and transfers must be stated, never inferred from an empty list."""
    name = register["name"]
    origins = _Origins.of_register(register)
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
    for outside in _outside_eea(register):
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


# --- Art. 13 or Art. 14 (issue 10, item 9) ---------------------------------------------


@dataclass(frozen=True)
class _Origins:
    """Where a register's (or the notice's) data comes from, and so which article applies.

    GDPR Art. 13 covers data collected from the data subject, Art. 14 data obtained
    elsewhere. A source whose origin is not stated, or a register with no source yet,
    may be either: both articles are cited, Art. 13's own item (13(2)(e)) stays
    required as it always was, and Art. 14's own items (14(3), 14(5)) wait until a
    source is stated to come from elsewhere. The origin finding asks meanwhile.
    """

    from_subject: bool
    from_elsewhere: bool
    unknown: bool

    @classmethod
    def of_register(cls, register: dict[str, Any]) -> _Origins:
        # Content frozen before issue 10 has no origins: not stated.
        origins = {source.get("origin", "") for source in register["sources"]}
        return cls(
            from_subject=SourceOrigin.DATA_SUBJECT in origins,
            from_elsewhere=SourceOrigin.OTHER in origins,
            unknown=not origins or SourceOrigin.NOT_STATED in origins,
        )

    @classmethod
    def of_notice(cls, content: dict[str, Any]) -> _Origins:
        each = [cls.of_register(register) for register in content["registers"]]
        return cls(
            from_subject=any(o.from_subject for o in each),
            from_elsewhere=any(o.from_elsewhere for o in each),
            unknown=not each or any(o.unknown for o in each),
        )

    @property
    def art13(self) -> bool:
        return self.from_subject or self.unknown

    @property
    def art14(self) -> bool:
        return self.from_elsewhere or self.unknown

    def cite(self, art13: str, art14: str) -> str:
        """The article of each applicable regime: "13 art. 1 d, 14 art. 2 b" for both."""
        return ", ".join(
            article for article, applies in ((art13, self.art13), (art14, self.art14)) if applies
        )


def _origin_findings(add: Any, register: dict[str, Any], origins: _Origins) -> None:
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


@dataclass
class _Outside:
    """Recipients or cookies of one register that likely process data outside the EU/EEA."""

    key: str
    country: str
    provider: KnownProvider | None
    names: list[str]

    def covered_by(self, text: str) -> bool:
        if any(name.casefold() in text.casefold() for name in self.names):
            return True
        return bool(self.provider and self.provider.pattern.search(text))


def _outside_eea(register: dict[str, Any]) -> list[_Outside]:
    found: dict[str, _Outside] = {}

    def note(name: str, country: str, provider: KnownProvider | None) -> None:
        key = provider.name if provider else name
        found.setdefault(key, _Outside(key, country, provider, [])).names.append(name)

    for recipient in register["recipients"]:
        country = recipient.get("country", "")
        provider = known_provider(recipient["name"], recipient["description"])
        if country and is_third_country(country):
            note(recipient["name"], country, provider)
        elif provider and not country:
            note(recipient["name"], provider.country, provider)
    for cookie in register["cookies"]:
        provider = known_provider(cookie["name"], cookie["provider"])
        if provider:
            note(cookie["name"], provider.country, provider)
    return list(found.values())


# --- Legal accuracy (issue 10) -----------------------------------------------------------
# Each rule group is one function; each rule names its article or section beside it and
# in the finding. Warnings are hints (never blocking); missing items block until fixed or
# acknowledged.

# Art. 9(2)(b), (g)-(j) rest on Union or national law (tietosuojalaki 1050/2018, 6 §).
CONDITIONS_REQUIRING_LAW = frozenset(
    {
        SpecialCategoryCondition.EMPLOYMENT,
        SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST,
        SpecialCategoryCondition.HEALTH_CARE,
        SpecialCategoryCondition.PUBLIC_HEALTH,
        SpecialCategoryCondition.ARCHIVING_RESEARCH,
    }
)

# Contact persons of customer, supplier or partner companies: not parties to the
# contract, which is between the companies.
CONTACT_PERSON_RE = re.compile(
    r"yhteyshenkil|edustaj|yritysasiak|asiakasyrity|toimittaj|alihankkij|yhteistyökumppan",
    re.IGNORECASE,
)
# Employees, job applicants, trainees: consent is seldom free (imbalance of power).
EMPLOYMENT_RE = re.compile(
    r"työntekij|henkilöstö|henkilökun|työnhakij|työpaikan\s*hakij|\bhakij|harjoittelij|"
    r"rekrytoi|työsuhte",
    re.IGNORECASE,
)
# Consent inferred from silence or conduct, not given by a clear affirmative act.
IMPLIED_CONSENT_RE = re.compile(
    r"hiljai\w*\s+suostum\w*"
    r"|katsotaan\s+(?:antaneen|antavan|antaneensa)\s+\w*\s*suostum\w*"
    r"|katsotaan\s+hyväksy\w*"
    r"|yksi(?:käsitteisesti|selitteisesti)\s+ilmen\w*"
    r"|(?:käyttämällä|jatkamalla|selaamalla)\s+(?:\w+\s+){0,3}(?:hyväksy|suostu)\w*",
    re.IGNORECASE,
)
CONTEXT_RE = re.compile(r"\basiayhtey\w*", re.IGNORECASE)
MARKETING_RE = re.compile(
    r"markkinoi|kohdenta|kohdenne|mainonta|mainosten|suoramarkkin|uutiskirje", re.IGNORECASE
)
# A retention criterion names an event, a duration, or a law; none of these and no
# number leaves the reader without a period or a criterion (Art. 13(2)(a)).
RETENTION_CRITERION_RE = re.compile(
    r"\d|päätty|päättä|kunnes|asti\b|saakka|jälkeen|kuluttua|ajan\b|aikana|voimassa|"
    r"peru(?:u|tt)|vanhen|\blain\b|\blaki|\blais|säädet|säädö|kirjanpito|arkisto|"
    r"vuo(?:si|tta|den)|kuukau|viiko|päivä",
    re.IGNORECASE,
)


def _joint_controller_findings(add: Any, register: dict[str, Any]) -> None:
    # GDPR Art. 26(2): the essence of the arrangement is made available to the data subject.
    joint = [
        r["name"] for r in register["recipients"] if r["role"] == RecipientRole.JOINT_CONTROLLER
    ]
    if joint and not register["joint_controller_arrangement"].strip():
        add(
            MISSING,
            "joint_controller_arrangement",
            _(
                "Rekisterissä %(register)s on yhteisrekisterinpitäjä (%(names)s): kerro "
                "järjestelyn keskeinen sisältö, eli kumpi vastaa mistäkin velvoitteesta ja "
                "kenen puoleen rekisteröity voi kääntyä"
            )
            % {"register": register["name"], "names": join_names(joint)},
            "26 art. 2 kohta",
            "id_joint_controller_arrangement",
        )


def _representative_findings(found: _Findings, controller: dict[str, Any]) -> None:
    # GDPR Art. 27(1), 13(1)(a): a controller not established in the Union names a
    # representative in it. EEA states (Iceland, Liechtenstein, Norway) apply the GDPR
    # through the EEA Agreement, so a controller there needs none: is_third_country.
    country = controller.get("country", "")
    if is_third_country(country) and not controller.get("representative", "").strip():
        found.add(
            MISSING,
            "representative",
            _(
                "Rekisterinpitäjän maa on %s, EU:n ja ETA:n ulkopuolella: nimeä edustaja "
                "unionissa ja kerro sen yhteystiedot, ellei 27 artiklan 2 kohdan poikkeus koske "
                "rekisterinpitäjää"
            )
            % country,
            "27 art., 13 art. 1 a",
            where="controller",
            field="id_representative",
        )


def _sensitive_data_findings(found: _Findings, register: dict[str, Any]) -> None:
    pk, name = register["id"], register["name"]

    def add(severity: str, code: str, message: str, article: str, *, library: bool) -> None:
        found.add(
            severity,
            f"{code}:{pk}",
            message,
            article,
            where="data_categories" if library else "register",
            field="" if library else "id_data_categories",
            register=None if library else pk,
        )

    for category in register["data_categories"]:
        law = category.get("law_reference", "").strip()
        # GDPR Art. 9(2)(b), (g)-(j); tietosuojalaki 6 §: the law that allows it.
        if (
            category["kind"] == "special"
            and category["special_condition"] in (CONDITIONS_REQUIRING_LAW)
            and not law
        ):
            add(
                MISSING,
                f"special_category_law:{category['name']}",
                _(
                    "Rekisterin %(register)s tietoryhmän %(category)s peruste (%(condition)s) "
                    "edellyttää lakia, joka sallii käsittelyn: kirjaa säädös tietoryhmään"
                )
                % {
                    "register": name,
                    "category": category["name"],
                    "condition": category["special_condition_label"],
                },
                "9 art. 2 b, g–j, tietosuojalaki 6 §",
                library=True,
            )
        # GDPR Art. 10; tietosuojalaki 7 §: only in the situations the section lists.
        elif category["kind"] == "criminal" and not law:
            add(
                WARNING,
                f"criminal:{category['name']}",
                _(
                    "Rekisterissä %(register)s on rikostuomioita tai rikkomuksia koskevia "
                    "tietoja (%(category)s): niitä saa käsitellä vain viranomaisen valvonnassa "
                    "tai tietosuojalain 7 §:ssä säädetyissä tilanteissa; kirjaa säädös "
                    "tietoryhmään"
                )
                % {"register": name, "category": category["name"]},
                "10 art., tietosuojalaki 7 §",
                library=True,
            )
        # Tietosuojalaki 29 §: the identity code only with consent, under a law, or where
        # unambiguous identification is important for a listed purpose; not on documents
        # printed or drawn up from the register without need.
        elif category["kind"] == "identity_code":
            add(
                WARNING,
                f"identity_code:{category['name']}",
                _(
                    "Rekisterissä %s käsitellään henkilötunnusta: se on sallittua vain "
                    "rekisteröidyn suostumuksella, laissa säädetyn tehtävän vuoksi tai kun "
                    "rekisteröidyn yksiselitteinen tunnistaminen on tärkeää tietosuojalain "
                    "29 §:ssä luetellussa tarkoituksessa. Henkilötunnusta ei saa merkitä "
                    "tarpeettomasti rekisteristä tulostettaviin tai laadittaviin asiakirjoihin."
                )
                % name,
                "tietosuojalaki 29 §",
                library=False,
            )


def _withdrawn_safeguard_findings(add: Any, register: dict[str, Any]) -> None:
    # GDPR Art. 44-46; CJEU C-311/18 (Schrems II) invalidated Privacy Shield on 16.7.2020.
    for transfer in register["transfers"]:
        if transfer["safeguard"] == TransferSafeguard.PRIVACY_SHIELD:
            add(
                MISSING,
                f"privacy_shield:{transfer['recipient']}:{transfer['country']}",
                _(
                    "Siirto vastaanottajalle %(recipient)s (%(country)s) rekisterissä %(register)s "
                    "perustuu EU–US Privacy Shieldiin, joka on ollut pätemätön 16.7.2020 alkaen "
                    "(C-311/18); valitse voimassa oleva siirtoperuste, esim. EU–Yhdysvallat-"
                    "tietosuojakehys tai vakiolausekkeet"
                )
                % {
                    "recipient": transfer["recipient"],
                    "country": transfer["country"],
                    "register": register["name"],
                },
                _Origins.of_register(register).cite("13 art. 1 f", "14 art. 1 f") + ", 44–46 art.",
                "transfers",
            )


def _implied_consent_phrase(text: str) -> str:
    """The first phrase of the text that infers consent, if any."""
    for sentence in re.split(r"[.!?]\s", text):
        if match := IMPLIED_CONSENT_RE.search(sentence):
            return match.group(0)
        # Consent "evident from the context" (asiayhteydestä), the old act's wording.
        if "suostum" in sentence.casefold() and (match := CONTEXT_RE.search(sentence)):
            return match.group(0)
    return ""


def _basis_plausibility_findings(add: Any, register: dict[str, Any]) -> None:
    """Legal bases that a supervisory authority would likely doubt. Never blocking."""
    name = register["name"]
    bases = {p["legal_basis"] for p in register["purposes"]}
    subjects = " ".join(
        f"{s['name']} {s['description']}" for s in register["data_subject_categories"]
    )
    # EDPB Guidelines 2/2019 on Art. 6(1)(b): the contract is with the company, so its
    # contact persons are not parties to it; their data usually rests on 6(1)(f).
    if LegalBasis.CONTRACT in bases and CONTACT_PERSON_RE.search(subjects):
        add(
            WARNING,
            "contract_for_contact_persons",
            _(
                "Rekisterin %s rekisteröidyt ovat yritysten tai yhteisöjen yhteyshenkilöitä, "
                "mutta käsittely perustuu sopimukseen. Sopimus on yrityksen kanssa, eivätkä "
                "yhteyshenkilöt ole sen osapuolia; peruste on yleensä oikeutettu etu "
                "(6 art. 1 f). Tarkista oikeusperuste."
            )
            % name,
            "6 art. 1 b, EDPB:n ohjeet 2/2019",
            "purposes",
        )
    # EDPB Guidelines 05/2020 on consent, 21-22: an employee or applicant can seldom
    # refuse freely; laki yksityisyyden suojasta työelämässä 759/2004.
    if LegalBasis.CONSENT in bases and EMPLOYMENT_RE.search(subjects):
        add(
            WARNING,
            "consent_in_employment",
            _(
                "Rekisterin %s rekisteröidyt ovat työntekijöitä tai työnhakijoita, ja käsittely "
                "perustuu suostumukseen. Työnantajan ja työntekijän tai hakijan välisen "
                "epätasapainon vuoksi suostumus on vapaaehtoinen vain poikkeuksellisesti (esim. "
                "hakemuksen säilyttäminen tulevia hakuja varten); tavallisesti peruste on "
                "sopimus, lakisääteinen velvoite tai oikeutettu etu."
            )
            % name,
            "7 art. 4 kohta, EDPB:n ohjeet 05/2020, laki yksityisyyden suojasta työelämässä",
            "purposes",
        )
    # GDPR Art. 4(11), 7(1), recital 32: consent is a clear affirmative act; silence,
    # inactivity or inference from the context is not consent.
    texts = [
        register["description"],
        register["purposes_note"],
        register["consent_withdrawal"],
        register["cookies_note"],
        *(p["description"] for p in register["purposes"]),
    ]
    implied = next((p for t in texts if (p := _implied_consent_phrase(t))), "")
    if implied:
        add(
            WARNING,
            "implied_consent",
            _(
                "Rekisterin %(register)s tekstissä suostumus päätellään (”%(phrase)s”). "
                "Suostumus on annettava selkeällä suostumusta osoittavalla toimella; "
                "hiljaisuus, toimettomuus tai asiayhteys ei ole suostumus. Muuta teksti tai "
                "oikeusperuste."
            )
            % {"register": name, "phrase": implied},
            "4 art. 11 kohta, 7 art. 1 kohta, johdanto-osan 32 kappale",
            "purposes",
        )
    # GDPR Art. 6(1)(b); EDPB Guidelines 2/2019, 48-52: marketing and targeting are not
    # necessary for performing a contract (consent or legitimate interest instead).
    if any(
        p["legal_basis"] == LegalBasis.CONTRACT and MARKETING_RE.search(p["description"])
        for p in register["purposes"]
    ):
        add(
            WARNING,
            "contract_for_marketing",
            _(
                "Rekisterissä %s markkinointi tai sen kohdentaminen perustuu sopimukseen. "
                "Markkinointi ei ole tarpeen sopimuksen täyttämiseksi; sen peruste on "
                "suostumus tai oikeutettu etu (ja rekisteröidyllä on oikeus vastustaa "
                "suoramarkkinointia). Erota markkinointi omaksi tarkoituksekseen."
            )
            % name,
            "6 art. 1 b, EDPB:n ohjeet 2/2019, 21 art. 2 kohta",
            "purposes",
        )


def _vague_retention_findings(add: Any, register: dict[str, Any]) -> None:
    # GDPR Art. 13(2)(a), 5(1)(e): a period, or criteria the reader can apply. A rule with
    # no period whose text has no number, event, duration or law gives neither;
    # "toistaiseksi" has its own warning.
    vague = [
        r
        for r in register["retention_rules"]
        if not r["period_text"]
        and not INDEFINITE_RE.search(r["criteria"])
        and not RETENTION_CRITERION_RE.search(r["criteria"])
    ]
    if vague:
        add(
            WARNING,
            "vague_retention",
            _(
                "Rekisterin %s säilytyssäännössä ei ole säilytysaikaa eikä perustetta, jolla "
                "se määräytyy (esim. ”2 vuotta asiakkuuden päättymisestä” tai ”kirjanpitolain "
                "mukaan 10 vuotta”)"
            )
            % register["name"],
            "13 art. 2 a, 5 art. 1 e",
            "retention_rules",
        )


def _tracking_recipient_findings(add: Any, register: dict[str, Any]) -> None:
    # Sähköisen viestinnän palveluista annettu laki 917/2014, 205 §; GDPR Art. 13(1)(e):
    # a cookie or pixel provider receives the data; for social plugins it is a joint
    # controller of the collection (CJEU C-40/17, Fashion ID).
    recipients = [f"{r['name']} {r['description']}" for r in register["recipients"]]
    missing: dict[str, list[str]] = {}
    for cookie in register["cookies"]:
        provider = known_provider(cookie["name"], cookie["provider"])
        if provider and not any(provider.pattern.search(text) for text in recipients):
            missing.setdefault(provider.name, []).append(cookie["name"])
    for provider_name, cookies in missing.items():
        add(
            WARNING,
            f"tracking_recipient:{provider_name}",
            _(
                "Rekisterin %(register)s evästeet tai seurantapikselit (%(cookies)s) lähettävät "
                "tietoja palveluntarjoajalle %(provider)s, joka puuttuu vastaanottajista. Lisää "
                "se vastaanottajaksi roolilla käsittelijä tai yhteisrekisterinpitäjä (esim. "
                "sosiaalisen median liitännäiset ja pikselit)."
            )
            % {
                "register": register["name"],
                "cookies": join_names(cookies),
                "provider": provider_name,
            },
            "13 art. 1 e, sähköisen viestinnän palveluista annettu laki 205 §, C-40/17",
            "id_recipients",
        )


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _repealed_act_findings(found: _Findings, content: dict[str, Any]) -> None:
    places: list[tuple[str, str, str, int | None]] = [
        (t, "notice", "id_intro", None) for t in _texts([content["intro"]])
    ]
    places += [(t, "notice", "id_change_policy", None) for t in _texts([content["change_policy"]])]
    places += [
        (t, "controller", "id_rights_instructions", None)
        for t in _texts(content["controller"]["rights_instructions"])
    ]
    for register in content["registers"]:
        places += [(t, "register", "", register["id"]) for t in _texts(register)]
    # One finding per place (the notice, the organisation, each register), naming the
    # terms found there. Missing-grade: outdated law misinforms the reader (Art. 12(1)).
    names = {r["id"]: r["name"] for r in content["registers"]}
    terms: dict[tuple[str, int | None], tuple[str, list[str]]] = {}
    for text, where, field, register in places:
        for match in REPEALED_ACT_RE.finditer(text):
            found_terms = terms.setdefault((where, register), (field, []))[1]
            if match.group(0).casefold() not in (t.casefold() for t in found_terms):
                found_terms.append(match.group(0))
    for (where, register), (field, found_terms) in terms.items():
        place = {
            "notice": _("Selosteen tekstissä"),
            "controller": _("Rekisterinpitäjän tiedoissa"),
        }.get(where) or _("Rekisterissä %s") % names[register]
        found.add(
            MISSING,
            f"repealed_act:{where}:{register or ''}",
            _(
                "%(place)s viitataan kumottuun henkilötietolakiin (523/1999) tai käytetään sen "
                "käsitteitä (%(terms)s). Laki kumottiin 1.1.2019; viittaa EU:n yleiseen "
                "tietosuoja-asetukseen ja tietosuojalakiin (1050/2018) ja käytä asetuksen "
                "käsitteitä, esim. ”tietosuojaseloste” ja ”oikeus saada pääsy tietoihin”"
            )
            % {"place": place, "terms": ", ".join(f"”{t}”" for t in found_terms)},
            "tietosuojalaki 1050/2018, 12 art. 1 kohta",
            where=where,
            field=field,
            register=register,
        )


def _unpublished_right_procedure_findings(found: _Findings, content: dict[str, Any]) -> None:
    """A text on exercising a right the notice does not include is not published
    (GDPR Art. 12(2), 20-22: portability, objection, withdrawal of consent and Art. 22
    depend on the legal bases and on automated decisions)."""
    labels = dict(DataSubjectRight.choices)
    shown = {right["code"]: right["registers"] for right in content["rights"]}
    for code in content["controller"].get("right_procedures") or {}:
        if code not in shown:
            found.add(
                WARNING,
                f"right_procedure_unpublished:{code}:",
                _(
                    "Ohjetta oikeudesta ”%s” ei julkaista tässä selosteessa, koska oikeus ei "
                    "koske sen rekistereitä"
                )
                % labels.get(code, code),
                "12 art. 2 kohta",
                where="controller",
                field=f"id_right_{code}",
            )
    for register in content["registers"]:
        for code in register.get("right_procedures") or {}:
            names = shown.get(code)
            if names is None or (names and register["name"] not in names):
                found.add(
                    WARNING,
                    f"right_procedure_unpublished:{code}:{register['id']}",
                    _(
                        "Rekisterin %(register)s ohjetta oikeudesta ”%(right)s” ei julkaista, "
                        "koska oikeus ei koske rekisteriä"
                    )
                    % {"register": register["name"], "right": labels.get(code, code)},
                    "12 art. 2 kohta",
                    where="register",
                    field=f"id_right_{code}",
                    register=register["id"],
                )


def check_content(notice: PrivacyNotice, content: dict[str, Any]) -> list[Finding]:
    found = _Findings(notice)
    if not content["registers"]:
        found.add(
            MISSING,
            "no_registers",
            _("Selosteeseen ei ole liitetty yhtään rekisteriä"),
            "13 art. 1 c, 14 art. 1 c",
            where="notice",
            field="id_registers",
        )
    found.origins = _Origins.of_notice(content)
    _controller_findings(found, content["controller"])
    _representative_findings(found, content["controller"])
    for register in content["registers"]:
        _register_findings(found, register)
    _repealed_act_findings(found, content)
    _unpublished_right_procedure_findings(found, content)
    return found.items


def check_notice(notice: PrivacyNotice) -> list[Finding]:
    """Every finding of the notice as it now reads, mandatory ones first."""
    findings = check_content(notice, build_notice_content(notice))
    return sorted(findings, key=lambda f: not f.blocking)
