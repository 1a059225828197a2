"""The officer's inbox: own confirmed requests only, filters, deadlines highlighted,
and the counts on the organisation's overview."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from registers.models import Controller
from subjects.models import RequestStatus, RequestType, SubjectRequest
from tests.factories import RegisterFactory, SubjectRequestFactory

INBOX = "/hallinta/oma-organisaatio-oy/pyynnot/"


def received_days_ago(organisation: Controller, days: int, **fields: Any) -> SubjectRequest:
    return SubjectRequestFactory(
        controller=organisation, received_at=timezone.now() - timedelta(days=days), **fields
    )


@pytest.fixture
def requests(organisation: Controller, other_organisation: Controller) -> dict[str, Any]:
    register = RegisterFactory(controller=organisation, name="Asiakasrekisteri")
    overdue = received_days_ago(organisation, 40, reference="OVER-0001")
    soon = received_days_ago(
        organisation, 27, reference="SOON-0001", request_type=RequestType.ERASURE
    )
    soon.registers.add(register)
    fresh = received_days_ago(organisation, 1, reference="NEW0-0001")
    done = received_days_ago(
        organisation, 50, reference="DONE-0001", status=RequestStatus.DONE, closed_at=timezone.now()
    )
    received_days_ago(organisation, 0, reference="UNCO-0001", status=RequestStatus.UNCONFIRMED)
    received_days_ago(other_organisation, 1, reference="VIER-0001")
    return {"register": register, "overdue": overdue, "soon": soon, "fresh": fresh, "done": done}


def refs(page: str) -> list[str]:
    return [r for r in ("OVER", "SOON", "NEW0", "DONE", "UNCO", "VIER") if f"{r}-0001" in page]


def test_the_inbox_lists_the_open_requests_by_due_date_with_the_late_ones_marked(
    client: Client, officer: User, requests: dict[str, Any]
) -> None:
    client.force_login(officer)
    page = client.get(INBOX).content.decode()
    assert refs(page) == ["OVER", "SOON", "NEW0"]
    assert "1 pyyntö on myöhässä" in page
    assert "1 pyyntö erääntyy 7 päivän kuluessa" in page
    assert "table-danger" in page and "table-warning" in page
    assert "myöhässä" in page and "pv jäljellä" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tila=kaikki", ["OVER", "SOON", "NEW0", "DONE"]),
        ("tila=done", ["DONE"]),
        ("tyyppi=erasure", ["SOON"]),
        ("maara=myohassa", ["OVER"]),
        ("maara=viikko", ["SOON"]),
        ("tila=kaikki&tyyppi=access&maara=", ["OVER", "NEW0", "DONE"]),
        # A bad value is ignored rather than an error.
        ("tila=kaikki&tyyppi=olematon", ["OVER", "SOON", "NEW0", "DONE"]),
        ("rekisteri=abc", ["OVER", "SOON", "NEW0"]),
    ],
)
def test_the_inbox_filters(
    client: Client, officer: User, requests: dict[str, Any], query: str, expected: list[str]
) -> None:
    client.force_login(officer)
    response = client.get(f"{INBOX}?{query}")
    assert response.status_code == 200
    assert refs(response.content.decode()) == expected


def test_the_inbox_filters_by_register_and_due_date(
    client: Client, officer: User, requests: dict[str, Any]
) -> None:
    client.force_login(officer)
    page = client.get(f"{INBOX}?rekisteri={requests['register'].pk}").content.decode()
    assert refs(page) == ["SOON"]
    last = requests["soon"].due_on.isoformat()
    assert refs(client.get(f"{INBOX}?paattyen={last}").content.decode()) == ["OVER", "SOON"]


def test_another_organisations_register_is_no_filter_choice(
    client: Client, officer: User, requests: dict[str, Any], other_organisation: Controller
) -> None:
    foreign = RegisterFactory(controller=other_organisation, name="Vieraan rekisteri")
    client.force_login(officer)
    page = client.get(f"{INBOX}?rekisteri={foreign.pk}").content.decode()
    assert "Vieraan rekisteri" not in page
    assert refs(page) == ["OVER", "SOON", "NEW0"]


def test_the_overview_counts_the_requests(
    client: Client, officer: User, requests: dict[str, Any]
) -> None:
    client.force_login(officer)
    page = client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert "Rekisteröityjen pyynnöt" in page
    assert f'href="{INBOX}"' in page
    assert f'href="{INBOX}?maara=myohassa"' in page
    year = timezone.localdate().year
    assert "Pyynnöt vuosittain" in page and str(year) in page


def test_the_inbox_takes_a_fixed_number_of_queries(
    client: Client,
    officer: User,
    organisation: Controller,
    django_assert_max_num_queries: Any,
) -> None:
    register = RegisterFactory(controller=organisation)
    for _ in range(30):
        SubjectRequestFactory(controller=organisation).registers.add(register)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        assert client.get(INBOX).status_code == 200
