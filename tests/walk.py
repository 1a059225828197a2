"""Every editor URL, found by walking the URL resolver, and the database's domain rows.

Shared by the tenancy test and the hostile-input suite: a URL added under /hallinta/
is covered by both without touching either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from privacy_notices.checks import check_notice
from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.models import Controller, ImportDraft, MembershipRole, Register
from tests.factories import (
    DataCategoryFactory,
    MembershipFactory,
    RecipientFactory,
    SecurityMeasureFactory,
    SourceFactory,
    SubjectRequestFactory,
    UserFactory,
    pending_invitation,
)
from tests.registers.importing.proposals import sample_proposal

EDITOR_PREFIX = "hallinta/"
# The import's pages are for editors only: a viewer is refused even a look (403).
EDITORS_ONLY = re.compile(r"/hallinta/[^/]+/tuo/")
KWARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def editor_routes() -> Iterator[str]:
    """The full route of every URL pattern under /hallinta/."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith(EDITOR_PREFIX):
                yield route

    yield from walk(get_resolver().url_patterns, "")


def fill(route: str, values: dict[str, object]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in values:
            pytest.fail(
                f"Unknown URL keyword {name!r} in {route!r}: add it to route_values() "
                "in tests/walk.py."
            )
        return str(values[name])

    assert "(?P" not in route, f"{route!r}: a regex route; fill it in by hand here"
    return "/" + KWARG.sub(replace, route)


def domain_models() -> list[type[models.Model]]:
    """The registers' and notices' own models, without their history models."""
    return [
        model
        for app in ("registers", "privacy_notices")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    rows = {}
    for app in ("registers", "privacy_notices", "subjects"):
        for model in apps.get_app_config(app).get_models():
            rows[model._meta.label] = sorted(map(tuple, model.objects.values_list()), key=str)
    return rows


def route_values(organisation: Controller, register: Register) -> dict[str, object]:
    """One object of the organisation for each URL keyword, a published notice among them."""
    notice = PrivacyNotice.objects.create(controller=organisation, slug="seloste")
    notice.registers.add(register)
    # A real version 1, so that the version pages exist and are refused by tenancy.
    missing = [f.code for f in check_notice(notice) if f.blocking]
    publish_notice(notice=notice, published_by=None, change_note="1", acknowledged=missing)
    return {
        "org": organisation.slug,
        "register_pk": register.pk,
        "category_pk": DataCategoryFactory(controller=organisation).pk,
        "recipient_pk": RecipientFactory(controller=organisation).pk,
        "source_pk": SourceFactory(controller=organisation).pk,
        "measure_pk": SecurityMeasureFactory(controller=organisation).pk,
        "notice_pk": notice.pk,
        "number": 1,
        "member_pk": MembershipFactory(
            user=UserFactory(username="walked-member"),
            controller=organisation,
            role=MembershipRole.VIEWER,
        ).pk,
        "invitation_pk": pending_invitation(organisation, "walked-invitation").pk,
        "request_pk": SubjectRequestFactory(controller=organisation).pk,
        "draft_pk": import_draft(organisation).pk,
    }


def import_draft(organisation: Controller) -> ImportDraft:
    """An import under review, with items of every level and unplaced passages."""
    proposal = sample_proposal()
    return ImportDraft.objects.create(
        controller=organisation,
        origin=proposal.origin,
        origin_kind=proposal.origin_kind,
        proposal=proposal.to_json(),
    )
