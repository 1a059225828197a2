"""Validators for Finnish identifiers used in the register domain."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
# Weights of the Y-tunnus check digit (Finnish Tax Administration's specification).
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """Return the check digit of seven digits, or None if no digit can be valid."""
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        # A remainder of 1 is never issued.
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    """Validate a Finnish business ID (Y-tunnus), e.g. 2780101-9."""
    match = _BUSINESS_ID_RE.match(value)
    if not match:
        raise ValidationError(
            _("Y-tunnuksen muoto on 1234567-8 (seitsemän numeroa, väliviiva ja tarkiste)."),
            code="invalid_format",
        )
    digits, check = match.groups()
    if business_id_check_digit(digits) != int(check):
        raise ValidationError(
            _("Y-tunnuksen tarkistenumero ei täsmää. Tarkista tunnus."),
            code="invalid_check_digit",
        )


# First path segments of the app's own routes: an organisation's public pages live
# at /<slug>/, so these can never be organisation slugs.
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
        "api",
        "hallinta",
        "media",
        "static",
        "favicon.ico",
        "robots.txt",
        "healthz",
        "pyynto",
        "tietosuoja",
    }
)


def validate_not_reserved_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("Tunniste %(slug)s on varattu sovelluksen omalle käytölle. Valitse toinen."),
            params={"slug": value},
            code="reserved_slug",
        )
