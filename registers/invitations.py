"""Inviting a colleague by e-mail: invite, resend, withdraw and accept.

The link carries a random token; only its SHA-256 is stored, so a leaked database
accepts no invitation. A link works once (the invitation is then accepted), until
it expires (INVITATION_LIFETIME) or is withdrawn; resending makes a new token, and
the old link stops working. Every step goes to the organisation's audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registers.members import record, user_label
from registers.models import (
    Controller,
    Invitation,
    InvitationStatus,
    Membership,
    MembershipAction,
    MembershipRole,
)

INVITATION_LIFETIME = timedelta(days=7)

# The account pages an invited person without an account is sent to. Sign-up is
# looked up by this URL name (django-allauth's), so the invitation page links to it
# as soon as sign-up exists; until then it links to sign-in only.
SIGN_UP_URL_NAME = "account_signup"

# Builds the absolute link of a token (the view knows the request's host).
LinkBuilder = Callable[[str], str]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation the token belongs to, whatever its state; None for a stranger."""
    return (
        Invitation.objects.select_related("controller", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def refusal(invitation: Invitation) -> str | None:
    """Why the invitation cannot be accepted any more, or None if it can."""
    if invitation.status == InvitationStatus.ACCEPTED:
        return _("Tämä kutsu on jo käytetty. Kutsulinkki toimii vain kerran.")
    if invitation.status == InvitationStatus.WITHDRAWN:
        return _("Tämä kutsu on peruttu.")
    if invitation.is_expired(timezone.now()):
        return _(
            "Tämä kutsu on vanhentunut. Pyydä organisaation pääkäyttäjää lähettämään uusi kutsu."
        )
    return None


def sign_up_url() -> str | None:
    """The sign-up page, once the site has one (issue 11's sign-up work)."""
    try:
        return reverse(SIGN_UP_URL_NAME)
    except NoReverseMatch:
        return None


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = hash_token(token)
    invitation.sent_at = now
    invitation.expires_at = now + INVITATION_LIFETIME
    return token


def _send(invitation: Invitation, token: str, link: LinkBuilder) -> None:
    context = {
        "invitation": invitation,
        "organisation": invitation.controller,
        "inviter": user_label(invitation.invited_by),
        "url": link(token),
    }
    subject = _("Kutsu organisaatioon %(name)s – Seloste") % {"name": invitation.controller.name}
    body = render_to_string("registers/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


@transaction.atomic
def invite(
    *,
    controller: Controller,
    email: str,
    role: MembershipRole,
    actor: AbstractBaseUser,
    link: LinkBuilder,
) -> Invitation:
    """Invite the address, or resend its pending invitation with the new role.

    The caller checks that the address is not a member already (InvitationForm).
    """
    email = email.strip().lower()
    pending = (
        Invitation.objects.select_for_update()
        .pending()
        .filter(controller=controller, email=email)
        .first()
    )
    if pending is not None:
        pending.role = role
        return resend(invitation=pending, actor=actor, link=link)
    invitation = Invitation(controller=controller, email=email, role=role, invited_by=actor)
    token = _new_token(invitation)
    invitation.save()
    record(
        controller=controller,
        actor=actor,
        action=MembershipAction.INVITED,
        subject_label=email,
        new_role=role,
    )
    _send(invitation, token, link)
    return invitation


@transaction.atomic
def resend(*, invitation: Invitation, actor: AbstractBaseUser, link: LinkBuilder) -> Invitation:
    """A new link and a new week for a pending invitation; the old link stops working."""
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("Vain odottavan kutsun voi lähettää uudelleen."))
    token = _new_token(invitation)
    invitation.invited_by = actor
    invitation.save()
    record(
        controller=invitation.controller,
        actor=actor,
        action=MembershipAction.RESENT,
        subject_label=invitation.email,
        new_role=invitation.role,
    )
    _send(invitation, token, link)
    return invitation


@transaction.atomic
def withdraw(*, invitation: Invitation, actor: AbstractBaseUser) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("Vain odottavan kutsun voi perua."))
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.save(update_fields=["status"])
    record(
        controller=invitation.controller,
        actor=actor,
        action=MembershipAction.WITHDRAWN,
        subject_label=invitation.email,
        old_role=invitation.role,
    )


def email_matches(invitation: Invitation, user: AbstractBaseUser) -> bool:
    address = (getattr(user, "email", "") or "").strip().lower()
    return bool(address) and address == invitation.email


@transaction.atomic
def accept(*, invitation: Invitation, user: AbstractBaseUser) -> Membership:
    """Make the signed-in user a member with the invited role.

    ValidationError (in Finnish) if the invitation is used, withdrawn or expired, if
    the user's e-mail address is not the invited one, or if the user is a member.
    """
    invitation = (
        Invitation.objects.select_for_update().select_related("controller").get(pk=invitation.pk)
    )
    reason = refusal(invitation)
    if reason is not None:
        raise ValidationError(reason, code="unusable")
    if not email_matches(invitation, user):
        raise ValidationError(
            _("Kutsu on lähetetty toiseen sähköpostiosoitteeseen kuin tilisi osoite."),
            code="other_email",
        )
    if Membership.objects.filter(controller=invitation.controller, user=user).exists():
        raise ValidationError(_("Olet jo tämän organisaation jäsen."), code="member")
    membership = Membership.objects.create(
        controller=invitation.controller, user=user, role=invitation.role
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.save(update_fields=["status"])
    record(
        controller=invitation.controller,
        actor=user,
        action=MembershipAction.ACCEPTED,
        subject_user=user,
        new_role=invitation.role,
    )
    return membership


def pending_for(user: AbstractBaseUser) -> list[Invitation]:
    """Usable invitations to the user's confirmed e-mail addresses (allauth's records).

    A confirmed address proves what the link's token proves: that the person reads the
    invited mailbox. So a newcomer who signed up from an invitation finds it on the
    dashboard and need not open the mail again. Addresses staff typed in the admin are
    not confirmed and do not count.
    """
    addresses = [
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    if not addresses:
        return []
    now = timezone.now()
    candidates = (
        Invitation.objects.pending()
        .filter(email__in=addresses)
        .exclude(controller__memberships__user=user)
        .select_related("controller")
        .order_by("sent_at")
    )
    return [invitation for invitation in candidates if not invitation.is_expired(now)]
