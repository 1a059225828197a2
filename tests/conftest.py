from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from registers.models import Controller, MembershipRole
from tests.factories import ControllerFactory, MembershipFactory, UserFactory


@pytest.fixture
def organisation(db: None) -> Controller:
    return ControllerFactory(name="Oma Organisaatio Oy", slug="oma-organisaatio-oy")


@pytest.fixture
def other_organisation(db: None) -> Controller:
    return ControllerFactory(name="Vieras Yritys Oy", slug="vieras-yritys-oy")


@pytest.fixture
def officer(organisation: Controller) -> User:
    """The privacy officer who edits the organisation."""
    return MembershipFactory(
        user=UserFactory(username="officer"), controller=organisation, role=MembershipRole.EDITOR
    ).user


@pytest.fixture
def colleague(organisation: Controller) -> User:
    """A second editor in the same organisation."""
    return MembershipFactory(
        user=UserFactory(username="colleague"), controller=organisation, role=MembershipRole.EDITOR
    ).user


@pytest.fixture
def outsider(other_organisation: Controller) -> User:
    """An editor of another organisation: gets 404 for everything of ours."""
    return MembershipFactory(
        user=UserFactory(username="outsider"),
        controller=other_organisation,
        role=MembershipRole.EDITOR,
    ).user


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:  # type: ignore[no-untyped-def]
    """Tests run without collectstatic, so they use the storage that needs no manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
