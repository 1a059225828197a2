from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from hypothesis import settings as hypothesis_settings

from registers.models import Controller, MembershipRole, Register, SourceOrigin
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
    UserFactory,
)

# Hypothesis: a bounded, repeatable run in `make test`; `make fuzz` explores far more
# (HYPOTHESIS_PROFILE=fuzz) and remembers what it finds in .hypothesis/.
hypothesis_settings.register_profile(
    "ci", max_examples=20, deadline=None, derandomize=True, database=None, print_blob=True
)
hypothesis_settings.register_profile("fuzz", max_examples=1_000, deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _forget_cached_pages() -> None:
    """Each test starts with empty process caches: slugs repeat between tests."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


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
def viewer(organisation: Controller) -> User:
    """A member of the organisation who may read but not change anything."""
    return MembershipFactory(
        user=UserFactory(username="viewer"), controller=organisation, role=MembershipRole.VIEWER
    ).user


@pytest.fixture
def register(organisation: Controller) -> Register:
    """A register of the organisation with one of each part and library tick."""
    register = RegisterFactory(controller=organisation, name="Asiakasrekisteri")
    PurposeFactory(register=register)
    DataSubjectCategoryFactory(register=register)
    register.data_categories.add(DataCategoryFactory(controller=organisation, name="Nimi"))
    register.sources.add(
        SourceFactory(
            controller=organisation, name="Asiakas itse", origin=SourceOrigin.DATA_SUBJECT
        )
    )
    recipient = RecipientFactory(controller=organisation, name="Kirjanpitotoimisto")
    register.recipients.add(recipient)
    register.security_measures.add(
        SecurityMeasureFactory(controller=organisation, title="Palomuuri")
    )
    TransferFactory(register=register, recipient=recipient)
    RetentionRuleFactory(register=register)
    return register


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


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """Sign-in tests hash many passwords; production's slow hasher stays second so
    that a hash made before this fixture still verifies."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
