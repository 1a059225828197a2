"""Yearly counts of the requests by type and outcome.

Shown on the organisation's overview and in its Art. 30 record, so the organisation
can show how it has answered the people asking (GDPR Art. 5(2), accountability).
Anonymised requests count as any other: their type, dates and outcome are kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractYear

from registers.models import Controller
from subjects.models import RequestStatus, RequestType, SubjectRequest


@dataclass
class TypeCounts:
    label: str
    total: int = 0
    done: int = 0
    refused: int = 0
    open: int = 0


@dataclass
class YearCounts:
    year: int
    types: list[TypeCounts] = field(default_factory=list)

    @property
    def total(self) -> TypeCounts:
        return TypeCounts(
            label="",
            total=sum(t.total for t in self.types),
            done=sum(t.done for t in self.types),
            refused=sum(t.refused for t in self.types),
            open=sum(t.open for t in self.types),
        )


def yearly_counts(controller: Controller) -> list[YearCounts]:
    """Newest year first; in each, the types that occurred, in RequestType's order."""
    rows = (
        SubjectRequest.objects.for_controller(controller)
        .received()
        .annotate(year=ExtractYear("received_at"))
        .values("year", "request_type", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, TypeCounts]] = defaultdict(dict)
    for row in rows:
        request_type = row["request_type"]
        counts_of_type = counts[row["year"]].setdefault(
            request_type, TypeCounts(str(RequestType(request_type).label))
        )
        counts_of_type.total += row["count"]
        if row["status"] == RequestStatus.DONE:
            counts_of_type.done += row["count"]
        elif row["status"] == RequestStatus.REFUSED:
            counts_of_type.refused += row["count"]
        else:
            counts_of_type.open += row["count"]
    return [
        YearCounts(year, [by_type[code] for code in RequestType.values if code in by_type])
        for year, by_type in sorted(counts.items(), reverse=True)
    ]
