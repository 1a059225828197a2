"""Roles of a membership: admin (pääkäyttäjä), editor and viewer (issue 11)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client

from registers.models import Controller, Membership, MembershipRole, Register

pytestmark = pytest.mark.django_db


def test_an_admin_edits_like_an_editor(
    client: Client, officer: User, organisation: Controller, register: Register
) -> None:
    Membership.objects.filter(user=officer).update(role=MembershipRole.ADMIN)
    membership = Membership.objects.get(user=officer)
    assert membership.can_edit and membership.is_admin
    client.force_login(officer)
    response = client.post(
        f"/hallinta/{organisation.slug}/rekisterit/uusi/", {"name": "Uusi rekisteri"}
    )
    assert response.status_code == 302
    assert Register.objects.filter(name="Uusi rekisteri").exists()


def test_editors_are_admins_and_editors_but_not_viewers(
    officer: User, viewer: User, colleague: User
) -> None:
    Membership.objects.filter(user=officer).update(role=MembershipRole.ADMIN)
    editors = {m.user for m in Membership.objects.editors()}
    assert editors == {officer, colleague}
    assert {m.user for m in Membership.objects.admins()} == {officer}


def test_the_migration_makes_the_first_editor_of_each_organisation_its_admin(
    officer: User, colleague: User, viewer: User, outsider: User
) -> None:
    module = importlib.import_module("registers.migrations.0011_membership_admin")
    module.give_each_organisation_an_admin(apps, None)
    roles = {m.user.username: m.role for m in Membership.objects.select_related("user")}
    assert roles[officer.username] == MembershipRole.ADMIN
    assert roles[colleague.username] == MembershipRole.EDITOR
    assert roles[viewer.username] == MembershipRole.VIEWER
    # The other organisation's only member becomes its admin too.
    assert roles[outsider.username] == MembershipRole.ADMIN
