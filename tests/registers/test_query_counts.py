"""The editor's main pages cost the same number of queries with 1 row as with 50."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from registers.models import Controller, Register
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    DataSubjectCategoryFactory,
    MembershipFactory,
    PurposeFactory,
    RecipientFactory,
    RegisterFactory,
    RetentionRuleFactory,
    SecurityMeasureFactory,
    SourceFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(register: Register, count: int) -> None:
    """Give the register `count` of every part and library tick."""
    controller = register.controller
    for _ in range(count):
        category = DataCategoryFactory(controller=controller)
        recipient = RecipientFactory(controller=controller)
        register.data_categories.add(category)
        register.recipients.add(recipient)
        register.sources.add(SourceFactory(controller=controller))
        register.security_measures.add(SecurityMeasureFactory(controller=controller))
        PurposeFactory(register=register)
        DataSubjectCategoryFactory(register=register)
        TransferFactory(register=register, recipient=recipient)
        RetentionRuleFactory(register=register, data_category=category)


@pytest.fixture
def big_register(organisation: Controller) -> Register:
    register = RegisterFactory(controller=organisation)
    grow(register, 1)
    return register


@pytest.mark.parametrize("member", ["officer", "viewer"])
def test_the_register_page_does_not_grow_with_its_parts(
    client: Client, big_register: Register, member: str, request: pytest.FixtureRequest
) -> None:
    client.force_login(request.getfixturevalue(member))
    url = f"/hallinta/oma-organisaatio-oy/rekisterit/{big_register.pk}/"
    with_one = queries(client, url)
    grow(big_register, 49)
    assert queries(client, url) == with_one


@pytest.mark.parametrize(
    "url", ["/hallinta/oma-organisaatio-oy/", "/hallinta/oma-organisaatio-oy/rekisterit/"]
)
def test_the_dashboard_and_register_list_do_not_grow_with_registers(
    client: Client, officer: User, organisation: Controller, url: str
) -> None:
    client.force_login(officer)
    PurposeFactory(register=RegisterFactory(controller=organisation))
    with_one = queries(client, url)
    for _ in range(49):
        PurposeFactory(register=RegisterFactory(controller=organisation))
    assert queries(client, url) == with_one


def test_the_dashboard_of_organisations_does_not_grow_with_them(
    client: Client, officer: User, organisation: Controller
) -> None:
    MembershipFactory(user=officer, controller=ControllerFactory())
    client.force_login(officer)
    with_two = queries(client, "/hallinta/")
    for _ in range(48):
        controller = ControllerFactory()
        MembershipFactory(user=officer, controller=controller)
        RegisterFactory(controller=controller)
    assert queries(client, "/hallinta/") == with_two


def test_library_lists_do_not_grow_with_their_items(
    client: Client, officer: User, big_register: Register
) -> None:
    client.force_login(officer)
    urls = [
        f"/hallinta/oma-organisaatio-oy/{library}/"
        for library in ("tietoryhmat", "vastaanottajat", "lahteet", "suojaus")
    ]
    with_one = [queries(client, url) for url in urls]
    grow(big_register, 49)
    assert [queries(client, url) for url in urls] == with_one
