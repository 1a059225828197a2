"""Validators of the register domain: Finnish identifiers and visible text."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
        "kutsu",
        "pyynto",
        # /sanasto/ is the glossary.
        "sanasto",
        "tietosuoja",
        # /hallinta/uusi/ creates an organisation (its slug is /hallinta/<slug>/).
        "uusi",
    }
)


def validate_not_reserved_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("Tunniste %(slug)s on varattu sovelluksen omalle käytölle. Valitse toinen."),
            params={"slug": value},
            code="reserved_slug",
        )


# --- Visible text -----------------------------------------------------------------------

# Unicode categories of characters that show nothing of their own, or not reliably:
# controls (Cc), formatting such as the bidirectional overrides and zero-width
# characters (Cf), private use (Co), lone surrogates (Cs), line and paragraph
# separators (Zl, Zp). A right-to-left override makes a published name or address
# read differently from what it is, so published texts must not contain them.
# Spaces (Zs, e.g. the no-break space U+00A0) and unassigned code points are allowed.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})

# A free text's line breaks and tabs: the only such characters a notice's Finnish,
# Swedish or English text needs. CR is left for texts saved before line breaks were
# normalised to LF (registers.fields.FreeTextFormField).
FREE_TEXT_CONTROLS = "\n\r\t"

# How many different characters an error lists; the rest are counted.
_LISTED_CHARACTERS = 5

# The characters a pasted text most often brings along, named in the error message.
_CHARACTER_NAMES: dict[str, Promise] = {
    "\x00": _("tyhjämerkki"),
    "\t": _("sarkain"),
    "\n": _("rivinvaihto"),
    "\r": _("rivinvaihto"),
    "\x0b": _("pystysarkain"),
    "\x0c": _("sivunvaihto"),
    "\x85": _("rivinvaihto"),
    "\xad": _("tavutusvihje"),
    "\u061c": _("arabialainen suuntamerkki"),
    "\u180e": _("mongolialainen vokaalierotin"),
    "\u200b": _("nollalevyinen välilyönti"),
    "\u200c": _("nollalevyinen yhdistymisen estäjä"),
    "\u200d": _("nollalevyinen yhdistäjä"),
    "\u200e": _("vasemmalta oikealle -merkki"),
    "\u200f": _("oikealta vasemmalle -merkki"),
    "\u2028": _("rivierotin"),
    "\u2029": _("kappale-erotin"),
    "\u202a": _("vasemmalta oikealle -upotus"),
    "\u202b": _("oikealta vasemmalle -upotus"),
    "\u202c": _("suuntamuotoilun lopetus"),
    "\u202d": _("vasemmalta oikealle -ohjaus"),
    "\u202e": _("oikealta vasemmalle -ohjaus"),
    "\u2060": _("nollalevyinen sananliitos"),
    "\u2066": _("vasemmalta oikealle -eristys"),
    "\u2067": _("oikealta vasemmalle -eristys"),
    "\u2068": _("ensimmäisen vahvan merkin eristys"),
    "\u2069": _("suuntaeristyksen lopetus"),
    "\ufeff": _("tavujärjestysmerkki BOM"),
}
_CATEGORY_NAMES: dict[str, Promise] = {
    "Cc": _("ohjausmerkki"),
    "Cf": _("muotoilumerkki"),
    "Co": _("yksityiskäytön merkki"),
    "Cs": _("puolikas UTF-16-merkkipari"),
    "Zl": _("rivierotin"),
    "Zp": _("kappale-erotin"),
}


def invisible_characters(text: str, *, allowed: str = "") -> list[str]:
    """The characters of INVISIBLE_CATEGORIES in ``text``, except ``allowed``, in order."""
    if text.isprintable():
        # Fast path for most texts: isprintable() is False for every such character.
        return []
    return [
        char
        for char in text
        if char not in allowed and unicodedata.category(char) in INVISIBLE_CATEGORIES
    ]


def describe_character(char: str) -> str:
    """E.g. "U+202E (oikealta vasemmalle -ohjaus)"."""
    name = _CHARACTER_NAMES.get(char) or _CATEGORY_NAMES[unicodedata.category(char)]
    return f"U+{ord(char):04X} ({name})"


def _refuse_invisible(found: list[str]) -> None:
    if not found:
        return
    distinct = list(dict.fromkeys(found))
    listed = ", ".join(describe_character(char) for char in distinct[:_LISTED_CHARACTERS])
    more = len(distinct) - _LISTED_CHARACTERS
    if more > 0:
        listed += ngettext(" ja %(more)s muu", " ja %(more)s muuta", more) % {"more": more}
    raise ValidationError(
        ngettext(
            "Tekstissä on näkymätön ohjausmerkki %(characters)s. Poista se: kirjoita kohta "
            "uudelleen tai liitä teksti muotoilemattomana.",
            "Tekstissä on näkymättömiä ohjausmerkkejä: %(characters)s. Poista ne: kirjoita "
            "kohdat uudelleen tai liitä teksti muotoilemattomana.",
            len(found),
        ),
        params={"characters": listed},
        code="invisible_character",
    )


def validate_visible_text(value: str) -> None:
    """Refuse a one-line text with any invisible character, even a tab or line break.

    Every one-line text of the domain (registers.fields.VisibleCharField and its
    e-mail and URL siblings) is published as it is: in the notice's page, its PDF
    and the record of processing activities.
    """
    _refuse_invisible(invisible_characters(value))


def validate_visible_free_text(value: str) -> None:
    """Refuse a free text with an invisible character other than a line break or tab.

    The editor's and the admin's forms remove such characters before this runs
    (registers.fields.FreeTextFormField); the JSON import and any other path that
    bypasses the forms is refused instead.
    """
    _refuse_invisible(invisible_characters(value, allowed=FREE_TEXT_CONTROLS))


# Characters of a pasted text that separate lines: the form keeps them as line breaks,
# so that removing them cannot glue two words together.
_LINE_SEPARATORS = str.maketrans(dict.fromkeys("\x0b\x0c\x85\u2028\u2029", "\n"))


def remove_invisible_characters(text: str) -> str:
    """Free text with line separators as LF and other invisible characters removed.

    LF and tab stay; CR is expected to be normalised to LF already.
    """
    if text.isprintable():
        return text
    text = text.translate(_LINE_SEPARATORS)
    return "".join(
        char
        for char in text
        if char in "\n\t" or unicodedata.category(char) not in INVISIBLE_CATEGORIES
    )
