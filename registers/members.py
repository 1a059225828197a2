"""Changing an organisation's members: roles, removal, leaving, and the audit log.

The last-admin rule itself is `Membership.keeps_an_admin` (the admin's forms use it
too); these functions lock the organisation's memberships first, so two admins
demoting each other at once cannot both succeed.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from registers.models import (
    Controller,
    Membership,
    MembershipAction,
    MembershipEvent,
    MembershipRole,
)


def user_label(user: AbstractBaseUser | None) -> str:
    """How the audit log names a user: the e-mail address, else the username."""
    if user is None:
        return ""
    return getattr(user, "email", "") or user.get_username()


def record(
    *,
    controller: Controller,
    actor: AbstractBaseUser | None,
    action: MembershipAction,
    subject_user: AbstractBaseUser | None = None,
    subject_label: str = "",
    old_role: str = "",
    new_role: str = "",
) -> MembershipEvent:
    return MembershipEvent.objects.create(
        controller=controller,
        actor=actor,
        actor_label=user_label(actor),
        subject_user=subject_user,
        subject_label=subject_label or user_label(subject_user),
        action=action,
        old_role=old_role,
        new_role=new_role,
    )


def _locked(membership: Membership) -> Membership:
    """The membership re-read with its organisation's memberships locked."""
    list(
        Membership.objects.select_for_update()
        .filter(controller_id=membership.controller_id)
        .values_list("pk", flat=True)
    )
    return Membership.objects.select_related("user", "controller").get(pk=membership.pk)


@transaction.atomic
def change_role(*, membership: Membership, role: MembershipRole, actor: AbstractBaseUser) -> None:
    """Give the member another role; ValidationError if that leaves no admin."""
    membership = _locked(membership)
    old_role = membership.role
    if old_role == role:
        return
    membership.check_keeps_an_admin(role=role)
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        controller=membership.controller,
        actor=actor,
        action=MembershipAction.ROLE_CHANGED,
        subject_user=membership.user,
        old_role=old_role,
        new_role=role,
    )


@transaction.atomic
def remove_member(*, membership: Membership, actor: AbstractBaseUser) -> None:
    """Remove a member (or, when the actor is the member, leave); ValidationError if
    the membership is the organisation's last admin."""
    membership = _locked(membership)
    membership.delete()  # refuses the last admin
    leaving = membership.user_id == actor.pk
    record(
        controller=membership.controller,
        actor=actor,
        action=MembershipAction.LEFT if leaving else MembershipAction.REMOVED,
        subject_user=membership.user,
        old_role=membership.role,
    )
