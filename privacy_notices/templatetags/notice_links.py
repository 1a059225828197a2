"""Links in a notice: e-mail addresses, phone numbers and web addresses a reader can
follow (GDPR Art. 12(1): "easily accessible"; Art. 12(2): the controller facilitates
the exercise of the rights, which starts with reaching it).

A field known to hold an address becomes a link only if it looks like one; anything
else is printed as the text it is. Only http(s), mailto and tel links are ever
written, so a ``javascript:`` value stays text. Free text is autolinked by Django's
``urlize``, which escapes everything that is not a link and links only http(s),
``www.`` addresses and e-mail addresses.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, format_html, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_EMAIL = re.compile(r"[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+")
# A Finnish or international number as people write it: digits, spaces, dashes,
# brackets, an optional leading +.
_PHONE = re.compile(r"\+?[0-9][0-9 ()/-]{4,}[0-9]")
_WEB = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#][^\s<>\"']*)?", re.IGNORECASE
)
# Every link leaving the page: the reader's browser gives the other site no handle
# on this page.
EXTERNAL_REL = "noopener"


@register.filter
def email_link(value: str) -> str:
    value = (value or "").strip()
    if not _EMAIL.fullmatch(value):
        return conditional_escape(value)
    return format_html('<a href="mailto:{}">{}</a>', value, value)


@register.filter
def phone_link(value: str) -> str:
    value = (value or "").strip()
    if not _PHONE.fullmatch(value):
        return conditional_escape(value)
    # RFC 3966: the number's digits, with a leading + if it has one.
    number = ("+" if value.startswith("+") else "") + re.sub(r"[^0-9]", "", value)
    return format_html('<a href="tel:{}">{}</a>', number, value)


@register.filter
def web_link(value: str) -> str:
    """A web address as a link; one written without its scheme gets https://."""
    value = (value or "").strip()
    if not _WEB.fullmatch(value):
        return conditional_escape(value)
    href = value if re.match(r"https?://", value, re.IGNORECASE) else f"https://{value}"
    return format_html('<a href="{}" rel="{}">{}</a>', href, EXTERNAL_REL, value)


@register.filter(is_safe=True, needs_autoescape=True)
def autolink(value: str, autoescape: bool = True) -> SafeString:
    """Free text with its web and e-mail addresses as links, everything else escaped.

    Use before ``linebreaks``, which leaves the (safe) result unescaped.
    """
    linked = urlize(value or "", nofollow=False, autoescape=True)
    # Escaped text cannot contain '<a href="': only urlize's own links match.
    return mark_safe(linked.replace('<a href="http', f'<a rel="{EXTERNAL_REL}" href="http'))
