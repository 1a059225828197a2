"""Forgetting the requesters: what ``manage.py purge_requests`` does.

- An unconfirmed request whose link has expired (CONFIRMATION_LIFETIME) never
  counted: it is deleted with its trail.
- A closed request is anonymised once the organisation's retention period
  (RequestPolicy.retention_months, default DEFAULT_RETENTION_MONTHS) has run from
  its closing: the person's name, address, phone, message and every text of its
  trail are blanked; the type, the dates, the registers and the outcome stay, for
  the yearly statistics (GDPR Art. 5(1)(e): kept no longer than necessary).
- The rate limits' attempts older than a day are deleted.

Each step selects only what it has not done yet, so running it twice changes
nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from subjects.deadlines import add_months
from subjects.limits import forget_old_attempts
from subjects.models import (
    CLOSED_STATUSES,
    CONFIRMATION_LIFETIME,
    DEFAULT_RETENTION_MONTHS,
    RequestAction,
    RequestEvent,
    RequestPolicy,
    RequestStatus,
    SubjectRequest,
)


@dataclass(frozen=True)
class PurgeResult:
    expired: int
    anonymised: int
    attempts: int


def anonymise(request: SubjectRequest, now: datetime) -> None:
    request.name = request.email = request.phone = ""
    request.message = request.correction = ""
    request.refusal_reason = request.extension_reason = ""
    request.confirmation_hash = ""
    request.anonymised_at = now
    request.save()
    request.events.update(text="", subject="")
    RequestEvent.objects.create(request=request, at=now, action=RequestAction.ANONYMISED)


def due_for_anonymising(now: datetime) -> list[SubjectRequest]:
    retention = Coalesce(
        Subquery(
            RequestPolicy.objects.filter(controller=OuterRef("controller")).values(
                "retention_months"
            )[:1]
        ),
        Value(DEFAULT_RETENTION_MONTHS),
        output_field=IntegerField(),
    )
    candidates = SubjectRequest.objects.filter(
        status__in=CLOSED_STATUSES, anonymised_at=None, closed_at__isnull=False
    ).annotate(retention=retention)
    # Month arithmetic is done here, not in SQL, the same on SQLite and PostgreSQL.
    return [
        r
        for r in candidates
        if add_months(timezone.localdate(r.closed_at), r.retention) <= timezone.localdate(now)
    ]


@transaction.atomic
def purge_requests(now: datetime) -> PurgeResult:
    expired = SubjectRequest.objects.filter(
        status=RequestStatus.UNCONFIRMED, received_at__lt=now - CONFIRMATION_LIFETIME
    )
    expired_count = expired.count()
    expired.delete()
    anonymised = due_for_anonymising(now)
    for request in anonymised:
        anonymise(request, now)
    return PurgeResult(
        expired=expired_count, anonymised=len(anonymised), attempts=forget_old_attempts(now)
    )
