"""purge_requests: unconfirmed requests expire, closed ones are anonymised after the
organisation's retention period, the statistics stay, and a second run changes nothing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from registers.models import Controller
from subjects.models import (
    RequestAction,
    RequestEvent,
    RequestPolicy,
    RequestStatus,
    SubjectRequest,
    SubmissionAttempt,
)
from subjects.statistics import yearly_counts
from tests.factories import RegisterFactory, SubjectRequestFactory


def closed(organisation: Controller, days_ago: int, **fields: object) -> SubjectRequest:
    fields = {"status": RequestStatus.DONE, **fields}
    request = SubjectRequestFactory(
        controller=organisation,
        received_at=timezone.now() - timedelta(days=days_ago + 20),
        closed_at=timezone.now() - timedelta(days=days_ago),
        phone="040 123 4567",
        correction="Osoite on väärin",
        **fields,
    )
    RequestEvent.objects.create(
        request=request, action=RequestAction.REPLY, subject="Vastaus", text="Hei Maija, tässä."
    )
    return request


def test_closed_requests_past_their_retention_are_anonymised_keeping_the_statistics(
    organisation: Controller,
) -> None:
    register = RegisterFactory(controller=organisation)
    old = closed(organisation, 2 * 366)
    old.registers.add(register)
    refused = closed(
        organisation,
        800,
        status=RequestStatus.REFUSED,
        refusal_reason="Ilmeisen perusteeton",
    )
    recent = closed(organisation, 300)
    open_request = SubjectRequestFactory(
        controller=organisation, received_at=timezone.now() - timedelta(days=1000)
    )
    before = yearly_counts(organisation)

    out = StringIO()
    call_command("purge_requests", stdout=out)
    assert "Käsiteltyjä anonymisoitu: 2" in out.getvalue()

    for request in (old, refused):
        request.refresh_from_db()
        assert request.anonymised_at is not None
        assert (request.name, request.email, request.phone) == ("", "", "")
        assert (request.message, request.correction, request.refusal_reason) == ("", "", "")
        assert all(e.text == "" and e.subject == "" for e in request.events.all())
        assert request.events.last().action == RequestAction.ANONYMISED
    # What statistics need stays.
    assert old.request_type == "access" and old.status == RequestStatus.DONE
    assert refused.status == RequestStatus.REFUSED
    assert list(old.registers.all()) == [register]
    assert old.received_at and old.closed_at and old.due_on
    assert yearly_counts(organisation) == before
    # Not yet: a recent closing, an open request however old.
    recent.refresh_from_db()
    open_request.refresh_from_db()
    assert recent.anonymised_at is None and recent.name == "Maija Meikäläinen"
    assert open_request.anonymised_at is None

    # Safe to run twice: the second run changes nothing.
    snapshot = list(SubjectRequest.objects.order_by("pk").values())
    events = RequestEvent.objects.count()
    out = StringIO()
    call_command("purge_requests", stdout=out)
    assert "Käsiteltyjä anonymisoitu: 0" in out.getvalue()
    assert list(SubjectRequest.objects.order_by("pk").values()) == snapshot
    assert RequestEvent.objects.count() == events


def test_the_retention_period_is_the_organisations_own(
    organisation: Controller, other_organisation: Controller
) -> None:
    RequestPolicy.objects.create(controller=organisation, retention_months=6)
    ours = closed(organisation, 200)
    theirs = closed(other_organisation, 200)
    call_command("purge_requests", stdout=StringIO())
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.anonymised_at is not None
    assert theirs.anonymised_at is None  # the default, 24 months


def test_expired_unconfirmed_requests_and_old_attempts_are_deleted(
    organisation: Controller,
) -> None:
    now = timezone.now()
    expired = SubjectRequestFactory(
        controller=organisation,
        status=RequestStatus.UNCONFIRMED,
        received_at=now - timedelta(days=8),
    )
    waiting = SubjectRequestFactory(
        controller=organisation,
        status=RequestStatus.UNCONFIRMED,
        received_at=now - timedelta(days=6),
    )
    day_old = now - timedelta(days=2)
    SubmissionAttempt.objects.create(controller=organisation, client="a", at=day_old)
    SubmissionAttempt.objects.create(controller=organisation, client="b", at=now)
    call_command("purge_requests", stdout=StringIO())
    assert list(SubjectRequest.objects.all()) == [waiting]
    assert not SubjectRequest.objects.filter(pk=expired.pk).exists()
    assert list(SubmissionAttempt.objects.values_list("client", flat=True)) == ["b"]
    # An expired request never counted: it is in no statistics.
    assert yearly_counts(organisation) == []
