"""The officer's handling of a request: status, extension, notes and replies.

Every change leaves a RequestEvent (who, when, what): the audit trail the
organisation shows, if asked, to prove how a request was handled (GDPR Art. 5(2)).
A message to the person is sent inside the same transaction: if the mail server
refuses it, nothing of the step is stored, and the form keeps what was typed.
"""

from __future__ import annotations

import logging
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from registers.members import user_label
from subjects import replies
from subjects.models import (
    CLOSED_STATUSES,
    MAX_EXTENSION_MONTHS,
    RequestAction,
    RequestEvent,
    RequestStatus,
    SubjectRequest,
)
from subjects.submission import MailNotSent

logger = logging.getLogger(__name__)


def _event(
    request: SubjectRequest, actor: AbstractBaseUser, action: RequestAction, **fields: str
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request, actor=actor, actor_label=user_label(actor), action=action, **fields
    )


def _locked(request: SubjectRequest) -> SubjectRequest:
    return (
        SubjectRequest.objects.select_for_update().select_related("controller").get(pk=request.pk)
    )


def _send(request: SubjectRequest, subject: str, body: str) -> None:
    try:
        replies.send(request, subject, body)
    except Exception as error:
        logger.warning("Request reply mail not sent: %s", type(error).__name__)
        raise MailNotSent from error


def _set_status(request: SubjectRequest, actor: AbstractBaseUser, status: str, reason: str) -> None:
    if status not in request.next_statuses():
        raise ValidationError(
            _("Pyyntöä ei voi siirtää tilasta ”%(old)s” tilaan ”%(new)s”.")
            % {"old": request.get_status_display(), "new": RequestStatus(status).label}
        )
    if status == RequestStatus.REFUSED and not reason.strip():
        # GDPR Art. 12(4): the person is told the reasons for not taking action.
        raise ValidationError(_("Kirjoita hylkäämisen syy (12 art. 4 kohta)."))
    old = request.status
    request.status = status
    request.closed_at = timezone.now() if status in CLOSED_STATUSES else None
    if status == RequestStatus.REFUSED:
        request.refusal_reason = reason
    request.save(update_fields=["status", "closed_at", "refusal_reason"])
    _event(request, actor, RequestAction.STATUS, old_status=old, new_status=status, text=reason)


@transaction.atomic
def change_status(
    *, request: SubjectRequest, actor: AbstractBaseUser, status: str, reason: str = ""
) -> None:
    """Move the request on in its workflow (TRANSITIONS); refusing needs the reason."""
    request = _locked(request)
    if status == RequestStatus.REFUSED:
        # The refusal must reach the person (Art. 12(4)): it goes with a reply.
        raise ValidationError(_("Hylkää pyyntö lähettämällä hylkäysviesti pyytäjälle."))
    _set_status(request, actor, status, reason)


@sensitive_variables()
@transaction.atomic
def reply(
    *,
    request: SubjectRequest,
    actor: AbstractBaseUser,
    subject: str,
    body: str,
    status: str = "",
    reason: str = "",
) -> None:
    """Send a message to the person, and move the request on with it if asked.

    Placeholders still in the text ({maarapaiva}, {perustelu}, …) are filled now.
    """
    request = _locked(request)
    if request.is_anonymised or not request.email:
        raise ValidationError(_("Pyyntö on anonymisoitu; pyytäjän osoitetta ei enää ole."))
    if status:
        _set_status(request, actor, status, reason)
    values = replies.values_for(request, reason=reason, sending=True)
    subject, body = replies.fill(subject, values), replies.fill(body, values)
    _event(request, actor, RequestAction.REPLY, subject=subject, text=body)
    _send(request, subject, body)


@sensitive_variables()
@transaction.atomic
def extend(
    *,
    request: SubjectRequest,
    actor: AbstractBaseUser,
    months: int,
    reason: str,
    subject: str,
    body: str,
    today: date | None = None,
) -> None:
    """GDPR Art. 12(3): extend by up to two further months, telling the person why
    within the first month."""
    request = _locked(request)
    today = today or timezone.localdate()
    if not request.can_extend(today):
        raise ValidationError(
            _(
                "Määräaikaa voi jatkaa vain avoimelta pyynnöltä, enintään kahdella "
                "kuukaudella ja vain kuukauden kuluessa pyynnön vastaanottamisesta "
                "(12 art. 3 kohta)."
            )
        )
    if not request.extension_months < months <= MAX_EXTENSION_MONTHS:
        raise ValidationError(_("Valitse jatkoaika, joka on pidempi kuin nykyinen."))
    if not reason.strip():
        raise ValidationError(_("Kirjoita viivästymisen syy."))
    request.extension_months = months
    request.extension_reason = reason
    request.due_on = request.deadline()
    request.save(update_fields=["extension_months", "extension_reason", "due_on"])
    _event(request, actor, RequestAction.EXTENDED, text=reason)
    values = replies.values_for(request, reason=reason, sending=True)
    subject, body = replies.fill(subject, values), replies.fill(body, values)
    _event(request, actor, RequestAction.REPLY, subject=subject, text=body)
    _send(request, subject, body)


@sensitive_variables()
@transaction.atomic
def add_note(*, request: SubjectRequest, actor: AbstractBaseUser, text: str) -> None:
    """An internal note; never sent to the person."""
    request = _locked(request)
    if request.is_anonymised:
        raise ValidationError(_("Anonymisoituun pyyntöön ei voi lisätä muistiinpanoja."))
    _event(request, actor, RequestAction.NOTE, text=text)
