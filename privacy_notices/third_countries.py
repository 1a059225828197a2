"""Where data may leave the EU/EEA without the notice saying so (GDPR Art. 13(1)(f), 44-49).

The completeness check warns when a register names a recipient in a country outside
the EU/EEA, or a well-known provider whose services usually transfer data to the
United States, and no transfer covers it. These are hints for the officer, never
published text and never blocking: a provider may have kept the data in the EU by
contract, which only the officer knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The 27 member states and the three other EEA states (Iceland, Liechtenstein,
# Norway), in Finnish and English, plus their ISO 3166 codes and the names for the
# area itself. A country not in this set is treated as a third country (Art. 44).
_EEA_NAMES = """
    alankomaat netherlands nl hollanti belgia belgium be bulgaria bg espanja spain es
    irlanti ireland ie italia italy it itävalta austria at kreikka greece gr el kroatia
    croatia hr kypros cyprus cy latvia lv liettua lithuania lt luxemburg luxembourg lu
    malta mt portugali portugal pt puola poland pl ranska france fr romania ro ruotsi
    sweden se saksa germany de slovakia sk slovenia si suomi finland fi tanska denmark dk
    tšekki tsekki czechia cz unkari hungary hu viro estonia ee islanti iceland is
    liechtenstein li norja norway no eu eta eea eu/eta eu/eea ahvenanmaa åland
"""
EEA_COUNTRIES = frozenset(_EEA_NAMES.split()) | {
    "tšekin tasavalta",
    "czech republic",
    "euroopan unioni",
    "euroopan talousalue",
    "european union",
    "european economic area",
    "eu-alue",
    "eu:n alue",
    "eu- ja eta-alue",
}


def is_third_country(country: str) -> bool:
    """True for a country outside the EU/EEA; False for an EU/EEA one or none given."""
    name = " ".join(country.strip().lower().rstrip(".").split())
    return bool(name) and name not in EEA_COUNTRIES


@dataclass(frozen=True)
class KnownProvider:
    name: str
    pattern: re.Pattern[str]
    country: str


def _provider(name: str, pattern: str, country: str = "Yhdysvallat") -> KnownProvider:
    return KnownProvider(name, re.compile(pattern, re.IGNORECASE), country)


# Providers whose usual services process data in the United States. Matched against
# the names and descriptions of recipients and the names and providers of cookies.
KNOWN_PROVIDERS = (
    _provider("Google", r"\b(google|youtube|gmail|firebase|doubleclick|recaptcha)\b"),
    _provider(
        "Microsoft",
        r"\b(microsoft|office\s*365|azure|outlook\.com|onedrive|sharepoint|ms\s+teams|"
        r"microsoft\s+teams)\b",
    ),
    _provider("Meta", r"\b(meta\s+(platforms|pixel)|facebook|instagram|whatsapp)\b"),
    _provider("Amazon", r"\b(amazon|aws)\b"),
    _provider("Apple", r"\b(apple|icloud)\b"),
    _provider("LinkedIn", r"\blinkedin\b"),
    _provider("X (Twitter)", r"\b(twitter|x\s+corp)\b"),
    _provider("Salesforce", r"\b(salesforce|slack|pardot|tableau)\b"),
    _provider("Mailchimp", r"\b(mailchimp|rocket\s+science\s+group|intuit)\b"),
    _provider("HubSpot", r"\bhubspot\b"),
    _provider("Zoom", r"\bzoom\b"),
    _provider("Dropbox", r"\bdropbox\b"),
    _provider("Atlassian", r"\b(atlassian|trello|jira|confluence)\b"),
    _provider("Zendesk", r"\bzendesk\b"),
    _provider("Stripe", r"\bstripe\b"),
    _provider("Cloudflare", r"\bcloudflare\b"),
)

USUAL_MECHANISM = _(
    "Tällaisten palvelujen tavallinen siirtoperuste on EU–Yhdysvallat-tietosuojakehys, jos "
    "tarjoaja on sertifioitunut siihen, tai komission vakiolausekkeet; tarkista asia "
    "palveluntarjoajan sopimuksesta."
)


def known_provider(*texts: str) -> KnownProvider | None:
    """The first well-known non-EU provider any of the texts names, if any."""
    for provider in KNOWN_PROVIDERS:
        if any(provider.pattern.search(text) for text in texts if text):
            return provider
    return None
