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
    RecipientsStatement,
    SourceOrigin,
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

# Repealed 1.1.2019 by tietosuojalaki 1050/2018.
REPEALED_ACT_RE = re.compile(r"henkilötietola(ki|in|ki\w*)|523/1999", re.IGNORECASE)
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
    if any(c["kind"] == "criminal" for c in register["data_categories"]):
        add(
            WARNING,
            "criminal",
            _(
                "Rekisterissä %s on rikostuomioita tai rikkomuksia koskevia tietoja: niitä saa "
                "käsitellä vain laissa säädetyin edellytyksin"
            )
            % name,
            "10 art.",
            "id_data_categories",
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
        if transfer["safeguard"] == TransferSafeguard.PRIVACY_SHIELD:
            add(
                WARNING,
                "privacy_shield",
                _(
                    "Siirto vastaanottajalle %(recipient)s (%(country)s) rekisterissä %(register)s "
                    "perustuu EU–US Privacy Shieldiin, joka on ollut pätemätön 16.7.2020 alkaen "
                    "(C-311/18); valitse voimassa oleva siirtoperuste, esim. EU–Yhdysvallat-"
                    "tietosuojakehys tai vakiolausekkeet"
                )
                % {
                    "recipient": transfer["recipient"],
                    "country": transfer["country"],
                    "register": name,
                },
                origins.cite("13 art. 1 f", "14 art. 1 f"),
                "transfers",
            )
        elif (
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
    # One warning per place (the notice, the organisation, each register) is enough.
    seen: set[tuple[str, int | None]] = set()
    for text, where, field, register in places:
        if REPEALED_ACT_RE.search(text) and (where, register) not in seen:
            seen.add((where, register))
            found.add(
                WARNING,
                f"repealed_act:{where}:{register or ''}",
                _(
                    "Selosteessa viitataan henkilötietolakiin (523/1999), joka on kumottu "
                    "1.1.2019; viittaa EU:n yleiseen tietosuoja-asetukseen ja tietosuojalakiin "
                    "(1050/2018)"
                ),
                "tietosuojalaki 1050/2018",
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
    for register in content["registers"]:
        _register_findings(found, register)
    _repealed_act_findings(found, content)
    _unpublished_right_procedure_findings(found, content)
    return found.items


def check_notice(notice: PrivacyNotice) -> list[Finding]:
    """Every finding of the notice as it now reads, mandatory ones first."""
    findings = check_content(notice, build_notice_content(notice))
    return sorted(findings, key=lambda f: not f.blocking)
