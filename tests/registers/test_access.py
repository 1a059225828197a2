from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from registers.access import controller_for
from registers.models import Controller, MembershipRole
from tests.factories import ControllerFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_reaches_their_organisation(officer: User, organisation: Controller) -> None:
    assert controller_for(officer, organisation.slug, edit=True) == organisation


def test_an_outsider_gets_404(outsider: User, organisation: Controller) -> None:
    with pytest.raises(Http404):
        controller_for(outsider, organisation.slug)


def test_an_anonymous_visitor_gets_404(organisation: Controller) -> None:
    with pytest.raises(Http404):
        controller_for(AnonymousUser(), organisation.slug)


def test_a_viewer_reads_but_cannot_edit(organisation: Controller) -> None:
    viewer = MembershipFactory(
        user=UserFactory(username="viewer"), controller=organisation, role=MembershipRole.VIEWER
    ).user
    assert controller_for(viewer, organisation.slug) == organisation
    with pytest.raises(PermissionDenied):
        controller_for(viewer, organisation.slug, edit=True)


@pytest.mark.parametrize("slug", ["admin", "hallinta", "accounts", "static"])
def test_an_organisation_cannot_take_a_reserved_slug(slug: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        ControllerFactory.build(slug=slug).full_clean()
    assert "varattu" in excinfo.value.message_dict["slug"][0]
