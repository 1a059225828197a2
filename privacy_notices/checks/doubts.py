"""Warnings on doubtful choices: legal bases, vague retention, tracking tools.

Keyword heuristics over the register's own texts; a false alarm costs a glance, never
a block. Each rule names its source in the finding."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.findings import WARNING
from privacy_notices.rendering import join_names
from privacy_notices.third_countries import known_provider
from registers.models import LegalBasis

# "Until further notice" is no retention period (Art. 13(2)(a), 5(1)(e)).
INDEFINITE_RE = re.compile(r"\btoistaiseksi\b", re.IGNORECASE)

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


def implied_consent_phrase(text: str) -> str:
    """The first phrase of the text that infers consent, if any."""
    for sentence in re.split(r"[.!?]\s", text):
        if match := IMPLIED_CONSENT_RE.search(sentence):
            return match.group(0)
        # Consent "evident from the context" (asiayhteydestä), the old act's wording.
        if "suostum" in sentence.casefold() and (match := CONTEXT_RE.search(sentence)):
            return match.group(0)
    return ""


def basis_plausibility_findings(add: Any, register: dict[str, Any]) -> None:
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
    implied = next((p for t in texts if (p := implied_consent_phrase(t))), "")
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


def vague_retention_findings(add: Any, register: dict[str, Any]) -> None:
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


def tracking_recipient_findings(add: Any, register: dict[str, Any]) -> None:
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
