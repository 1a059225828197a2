"""Transfers outside the EU/EEA (GDPR Art. 13(1)(f), 14(1)(f), 44-49)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.findings import MISSING, Origins
from privacy_notices.third_countries import KnownProvider, is_third_country, known_provider
from registers.models import TransferSafeguard


@dataclass
class Outside:
    """Recipients or cookies of one register that likely process data outside the EU/EEA."""

    key: str
    country: str
    provider: KnownProvider | None
    names: list[str]

    def covered_by(self, text: str) -> bool:
        if any(name.casefold() in text.casefold() for name in self.names):
            return True
        return bool(self.provider and self.provider.pattern.search(text))


def outside_eea(register: dict[str, Any]) -> list[Outside]:
    found: dict[str, Outside] = {}

    def note(name: str, country: str, provider: KnownProvider | None) -> None:
        key = provider.name if provider else name
        found.setdefault(key, Outside(key, country, provider, [])).names.append(name)

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


def withdrawn_safeguard_findings(add: Any, register: dict[str, Any], origins: Origins) -> None:
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
                origins.cite("13 art. 1 f", "14 art. 1 f") + ", 44–46 art.",
                "transfers",
            )
