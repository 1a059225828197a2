"""The e-mails to the person who made a request: the organisation's reply templates.

Each organisation may reword each kind of reply (ReplyTemplate); until it does, the
default below is used. Placeholders in braces are filled from the request. The ones
that may change while the officer writes ({maarapaiva}, {jatkoaika}, {perustelu})
stay in the text the form shows and are filled when the message is sent; the others
are filled already in the form, so the officer reads what the person will read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registers.models import Controller
from subjects.models import REQUEST_TYPE_NAMES, ReplyKind, ReplyTemplate, SubjectRequest

# The Finnish defaults, in the words of the GDPR's Finnish text where they cite it.
DEFAULTS: dict[str, tuple[str, str]] = {
    ReplyKind.RECEIPT: (
        gettext_lazy("Pyyntösi {viite} on vastaanotettu"),
        gettext_lazy(
            "Hei {nimi},\n\n"
            "{organisaatio} on vastaanottanut pyyntösi ({tyyppi}) {vastaanotettu}. "
            "Pyynnön viite on {viite}.\n\n"
            "Vastaamme pyyntöön ilman aiheetonta viivytystä ja viimeistään {maarapaiva}. "
            "Määräaikaa voidaan tarvittaessa jatkaa enintään kahdella kuukaudella ottaen "
            "huomioon pyyntöjen monimutkaisuus ja lukumäärä. Jatkamisesta ja viivästymisen "
            "syistä ilmoitetaan sinulle kuukauden kuluessa pyynnön vastaanottamisesta "
            "(EU:n yleisen tietosuoja-asetuksen 12 artiklan 3 kohta).\n\n"
            "Ystävällisin terveisin\n{organisaatio}"
        ),
    ),
    ReplyKind.IDENTITY: (
        gettext_lazy("Pyyntösi {viite}: henkilöllisyyden varmistaminen"),
        gettext_lazy(
            "Hei {nimi},\n\n"
            "käsittelemme pyyntöäsi {viite} ({tyyppi}). Jotta tietojasi ei luovuteta tai "
            "muuteta kenenkään muun pyynnöstä, meidän on varmistettava henkilöllisyytesi "
            "(EU:n yleisen tietosuoja-asetuksen 12 artiklan 6 kohta).\n\n"
            "Kerro meille, miten henkilöllisyytesi voidaan varmistaa: [kirjoita tähän, mitä "
            "tietoja tai asiakirjoja tarvitsette ja miten ne toimitetaan].\n\n"
            "Ystävällisin terveisin\n{organisaatio}"
        ),
    ),
    ReplyKind.EXTENSION: (
        gettext_lazy("Pyyntösi {viite}: vastausaikaa jatketaan"),
        gettext_lazy(
            "Hei {nimi},\n\n"
            "pyyntösi {viite} ({tyyppi}) käsittelyn määräaikaa jatketaan {jatkoaika} "
            "kuukaudella. Vastaamme viimeistään {maarapaiva}.\n\n"
            "Viivästymisen syy: {perustelu}\n\n"
            "Määräaikaa voidaan tarvittaessa jatkaa enintään kahdella kuukaudella ottaen "
            "huomioon pyyntöjen monimutkaisuus ja lukumäärä (EU:n yleisen "
            "tietosuoja-asetuksen 12 artiklan 3 kohta).\n\n"
            "Ystävällisin terveisin\n{organisaatio}"
        ),
    ),
    ReplyKind.COMPLETED: (
        gettext_lazy("Pyyntösi {viite} on käsitelty"),
        gettext_lazy(
            "Hei {nimi},\n\n"
            "olemme käsitelleet pyyntösi {viite} ({tyyppi}).\n\n"
            "[Kerro tähän, mitä pyynnön johdosta on tehty.]\n\n"
            "Ystävällisin terveisin\n{organisaatio}"
        ),
    ),
    ReplyKind.REFUSED: (
        gettext_lazy("Pyyntösi {viite}: päätös"),
        gettext_lazy(
            "Hei {nimi},\n\n"
            "emme toteuta pyyntöäsi {viite} ({tyyppi}).\n\n"
            "Syy: {perustelu}\n\n"
            "Sinulla on mahdollisuus tehdä valitus valvontaviranomaiselle ja käyttää muita "
            "oikeussuojakeinoja (EU:n yleisen tietosuoja-asetuksen 12 artiklan 4 kohta, 77 "
            "ja 79 artikla). Valvontaviranomainen: {valvontaviranomainen}.\n\n"
            "Ystävällisin terveisin\n{organisaatio}"
        ),
    ),
}

# The placeholders, each with what it is filled with (shown beside the templates).
PLACEHOLDERS = {
    "viite": gettext_lazy("pyynnön viite"),
    "nimi": gettext_lazy("pyytäjän nimi"),
    "organisaatio": gettext_lazy("organisaation nimi"),
    "tyyppi": gettext_lazy("pyynnön tyyppi"),
    "vastaanotettu": gettext_lazy("vastaanottopäivä"),
    "maarapaiva": gettext_lazy("määräpäivä (jatkettuna, kun määräaikaa jatketaan)"),
    "jatkoaika": gettext_lazy("jatkoaika kuukausina"),
    "perustelu": gettext_lazy("jatkamisen tai hylkäämisen syy"),
    "valvontaviranomainen": gettext_lazy("valvontaviranomaisen nimi ja verkkosivu"),
}
# Filled only when the message is sent: the officer may still change them.
FILLED_ON_SENDING = frozenset({"maarapaiva", "jatkoaika", "perustelu"})

_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


@dataclass(frozen=True)
class Reply:
    subject: str
    body: str


def finnish_day(day: object) -> str:
    return formats.date_format(day, "j.n.Y")


def template_for(controller: Controller, kind: str) -> Reply:
    own = ReplyTemplate.objects.filter(controller=controller, kind=kind).first()
    if own is not None:
        return Reply(own.subject, own.body)
    subject, body = DEFAULTS[kind]
    return Reply(str(subject), str(body))


def values_for(request: SubjectRequest, *, reason: str = "", sending: bool) -> dict[str, str]:
    controller = request.controller
    authority = ", ".join(v for v in (controller.authority_name, controller.authority_website) if v)
    values = {
        "viite": request.reference,
        "nimi": request.name,
        "organisaatio": controller.name,
        "tyyppi": str(REQUEST_TYPE_NAMES[request.request_type]),
        "vastaanotettu": finnish_day(request.received_on),
        "valvontaviranomainen": authority,
    }
    if sending:
        values |= {
            "maarapaiva": finnish_day(request.due_on),
            "jatkoaika": str(request.extension_months),
            "perustelu": reason,
        }
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """Replace the known placeholders; any other brace is left as it is."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


def drafted(request: SubjectRequest, kind: str) -> Reply:
    """The template as the reply form first shows it."""
    template = template_for(request.controller, kind)
    values = values_for(request, sending=False)
    return Reply(fill(template.subject, values), fill(template.body, values))


def reply_to(controller: Controller) -> list[str]:
    """Where the person's answer goes: the organisation's own address, not Seloste's."""
    for address in (controller.contact_email, controller.dpo_email, controller.email):
        if address:
            return [address]
    return []


def send(request: SubjectRequest, subject: str, body: str) -> None:
    """Send a message to the person; raises on a mail server error."""
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[request.email],
        reply_to=reply_to(request.controller),
    ).send()


def mail_failed_message() -> str:
    return _(
        "Viestiä ei voitu lähettää, koska sähköpostipalvelin ei vastannut. Mitään ei "
        "tallennettu; yritä hetken kuluttua uudelleen."
    )
