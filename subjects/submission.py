"""A person's request from the public form: submit, confirm the address, receipt.

The request counts (shows in the organisation's inbox) only once the person has
confirmed the e-mail address by the link mailed to it, so nobody can file requests
in another person's name and address. The link carries a random token; only its
SHA-256 is stored, hashed as an invitation link's token is (registers/invitations.py).
An unconfirmed request is deleted after CONFIRMATION_LIFETIME.

Nothing of the request (name, address, message) is logged: the log says only which
step failed and why, by the exception's class.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from registers.invitations import hash_token
from registers.models import Controller, Register
from subjects import replies
from subjects.models import (
    CONFIRMATION_LIFETIME,
    ReplyKind,
    RequestAction,
    RequestEvent,
    RequestStatus,
    SubjectRequest,
)

logger = logging.getLogger(__name__)

# Crockford's base32: no I, L, O or U to misread over the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

LinkBuilder = Callable[[str], str]


class MailNotSent(Exception):
    """The mail server refused or did not answer; nothing was stored."""


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"{code[:4]}-{code[4:]}"
        if not SubjectRequest.objects.filter(reference=reference).exists():
            return reference


@sensitive_variables()
@transaction.atomic
def submit_request(
    *,
    controller: Controller,
    request_type: str,
    registers: Iterable[Register],
    registers_unknown: bool,
    name: str,
    email: str,
    phone: str,
    message: str,
    correction: str,
    link: LinkBuilder,
    now: datetime | None = None,
) -> SubjectRequest:
    """Store the request as unconfirmed and mail the confirmation link.

    Raises MailNotSent, and stores nothing, when the mail cannot be sent: a request
    whose address can never be confirmed would only wait to be deleted.
    """
    token = secrets.token_urlsafe(32)
    request = SubjectRequest(
        controller=controller,
        reference=new_reference(),
        request_type=request_type,
        registers_unknown=registers_unknown,
        name=name,
        email=email,
        phone=phone,
        message=message,
        correction=correction,
        received_at=now or timezone.now(),
        confirmation_hash=hash_token(token),
    )
    request.due_on = request.deadline()
    request.full_clean()
    request.save()
    request.registers.set(registers)
    RequestEvent.objects.create(
        request=request, at=request.received_at, action=RequestAction.SUBMITTED
    )
    context = {
        "request": request,
        "organisation": controller,
        "url": link(token),
        "due": replies.finnish_day(request.due_on),
        "expires": replies.finnish_day(
            timezone.localdate(request.received_at + CONFIRMATION_LIFETIME)
        ),
    }
    subject = _("Vahvista pyyntösi %(reference)s – %(organisation)s") % {
        "reference": request.reference,
        "organisation": controller.name,
    }
    try:
        send_mail(
            subject,
            render_to_string("subjects/email/confirm.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [request.email],
        )
    except Exception as error:
        logger.warning("Request confirmation mail not sent: %s", type(error).__name__)
        raise MailNotSent from error
    return request


def request_for_token(token: str) -> SubjectRequest | None:
    """The unconfirmed request the token confirms, if its link still works."""
    request = (
        SubjectRequest.objects.select_related("controller")
        .filter(confirmation_hash=hash_token(token), status=RequestStatus.UNCONFIRMED)
        .first()
    )
    if request is None or timezone.now() > request.received_at + CONFIRMATION_LIFETIME:
        return None
    return request


@sensitive_variables()
@transaction.atomic
def confirm_request(request: SubjectRequest) -> None:
    """The address is the person's: the request now counts, and the receipt is sent.

    A receipt the mail server refuses does not undo the confirmation; the trail
    says it was not sent, and the officer can send it from the request's page.
    """
    request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.UNCONFIRMED:
        return
    request.status = RequestStatus.RECEIVED
    request.confirmed_at = timezone.now()
    request.confirmation_hash = ""
    request.save(update_fields=["status", "confirmed_at", "confirmation_hash"])
    RequestEvent.objects.create(
        request=request,
        action=RequestAction.CONFIRMED,
        old_status=RequestStatus.UNCONFIRMED,
        new_status=RequestStatus.RECEIVED,
    )
    receipt = replies.template_for(request.controller, ReplyKind.RECEIPT)
    values = replies.values_for(request, sending=True)
    subject, body = replies.fill(receipt.subject, values), replies.fill(receipt.body, values)
    try:
        replies.send(request, subject, body)
    except Exception as error:
        logger.warning("Request receipt mail not sent: %s", type(error).__name__)
        RequestEvent.objects.create(
            request=request,
            action=RequestAction.NOTE,
            text=_("Vastaanottokuittausta ei voitu lähettää: sähköpostipalvelin ei vastannut."),
        )
        return
    RequestEvent.objects.create(
        request=request, action=RequestAction.REPLY, subject=subject, text=body
    )
