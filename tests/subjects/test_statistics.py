"""Yearly counts by type and outcome, on the overview and in the Art. 30 record."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone

from privacy_notices.record import build_record
from registers.models import Controller
from subjects.models import RequestStatus, RequestType
from subjects.statistics import yearly_counts
from tests.factories import SubjectRequestFactory


def at(year: int) -> datetime:
    return datetime(year, 6, 1, 12, tzinfo=UTC)


def test_requests_are_counted_by_year_type_and_outcome(
    organisation: Controller, other_organisation: Controller
) -> None:
    SubjectRequestFactory(controller=organisation, received_at=at(2025))
    SubjectRequestFactory(
        controller=organisation,
        received_at=at(2025),
        status=RequestStatus.DONE,
        closed_at=timezone.now(),
    )
    SubjectRequestFactory(
        controller=organisation,
        received_at=at(2025),
        request_type=RequestType.ERASURE,
        status=RequestStatus.REFUSED,
        refusal_reason="syy",
        closed_at=timezone.now(),
    )
    SubjectRequestFactory(controller=organisation, received_at=at(2026))
    SubjectRequestFactory(
        controller=organisation, received_at=at(2026), status=RequestStatus.UNCONFIRMED
    )
    SubjectRequestFactory(controller=other_organisation, received_at=at(2026))
    years = yearly_counts(organisation)
    assert [y.year for y in years] == [2026, 2025]
    counts_2025 = {(t.label, t.total, t.done, t.refused, t.open) for t in years[1].types}
    assert counts_2025 == {
        ("Tietojen tarkastaminen (15 art.)", 2, 1, 0, 1),
        ("Tietojen poistaminen (17 art.)", 1, 0, 1, 0),
    }
    assert (years[0].total.total, years[0].total.open) == (1, 1)


def test_the_art_30_record_carries_the_counts_and_no_personal_data(
    organisation: Controller,
) -> None:
    SubjectRequestFactory(controller=organisation, received_at=at(2026))
    record = build_record(organisation)
    (appendix,) = record["appendices"]
    assert "pyynnöt" in appendix["title"]
    (table,) = appendix["tables"]
    assert table["caption"] == "2026"
    assert table["rows"][0][:2] == ["Tietojen tarkastaminen (15 art.)", 1]
    assert "Maija" not in str(record) and "maija@example.com" not in str(record)


def test_without_requests_the_record_has_no_appendix(organisation: Controller) -> None:
    assert build_record(organisation)["appendices"] == []
