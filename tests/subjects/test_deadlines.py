"""GDPR Art. 12(3): one month from receipt, extendable by two further months; a month
ends on the same date, or on the last day of a month that has no such date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registers.models import Controller
from subjects.deadlines import add_months
from subjects.models import RequestStatus
from tests.factories import SubjectRequestFactory


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        (date(2026, 3, 5), 1, date(2026, 4, 5)),
        # The issue's own example: 31.1. is due on the last day of February.
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
        (date(2028, 1, 29), 1, date(2028, 2, 29)),
        (date(2027, 1, 29), 1, date(2027, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # over the turn of the year
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        # Extended by two further months: three months from receipt, not from the
        # first due date (28.2. + 2 would wrongly give 28.4.).
        (date(2026, 1, 31), 3, date(2026, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_a_month_ends_on_the_same_date_or_the_last_day_of_the_month(
    received: date, months: int, due: date
) -> None:
    assert add_months(received, months) == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 36))
def test_add_months_lands_in_the_right_month_never_past_the_date(day: date, months: int) -> None:
    due = add_months(day, months)
    assert (due.year * 12 + due.month) - (day.year * 12 + day.month) == months
    assert due.day <= day.day
    # Only a month too short for the date moves it, to that month's last day.
    assert due.day == day.day or (due + timedelta(days=1)).day == 1


def test_the_deadline_counts_from_the_day_received_in_finnish_time(
    organisation: Controller,
) -> None:
    # 31.1. 23:30 UTC is already 1.2. in Helsinki: due 1.3., not the end of February.
    request = SubjectRequestFactory(
        controller=organisation, received_at=datetime(2027, 1, 31, 23, 30, tzinfo=UTC)
    )
    assert request.received_on == date(2027, 2, 1)
    assert request.due_on == date(2027, 3, 1)


def test_an_extension_is_possible_only_within_the_first_month(organisation: Controller) -> None:
    request = SubjectRequestFactory(
        controller=organisation, received_at=datetime(2026, 1, 31, 10, tzinfo=UTC)
    )
    assert request.first_deadline == date(2026, 2, 28)
    assert request.can_extend(date(2026, 2, 28))
    assert not request.can_extend(date(2026, 3, 1))
    request.extension_months = 2
    assert not request.can_extend(date(2026, 2, 1))
    request.extension_months = 1
    request.status = RequestStatus.DONE
    assert not request.can_extend(date(2026, 2, 1))
