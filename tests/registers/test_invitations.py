"""Inviting a colleague by e-mail and accepting the invitation (issue 11)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from registers.invitations import hash_token
from registers.models import (
    Controller,
    Invitation,
    InvitationStatus,
    Membership,
    MembershipAction,
    MembershipEvent,
    MembershipRole,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERS = "/hallinta/oma-organisaatio-oy/jasenet/"
LINK = re.compile(r"http://testserver(/kutsu/[A-Za-z0-9_-]+/)")


@pytest.fixture
def admin_user(organisation: Controller) -> User:
    return MembershipFactory(
        user=UserFactory(username="admin", email="admin@example.com"),
        controller=organisation,
        role=MembershipRole.ADMIN,
    ).user


@pytest.fixture
def invitee(db: None) -> User:
    return UserFactory(username="invitee", email="Uusi.Kollega@example.com")


def _invite(client: Client, admin_user: User, email: str, role: str = "editor") -> str:
    """Invite as the admin; the path of the link in the newest mail."""
    client.force_login(admin_user)
    response = client.post(MEMBERS, {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()
    match = LINK.search(mail.outbox[-1].body)
    assert match is not None
    return match[1]


def test_an_admin_invites_by_email_and_the_mail_has_a_single_use_link(
    client: Client, admin_user: User, organisation: Controller
) -> None:
    path = _invite(client, admin_user, "uusi.kollega@example.com")
    message = mail.outbox[0]
    assert message.to == ["uusi.kollega@example.com"]
    assert "Oma Organisaatio Oy" in message.subject
    assert "Muokkaaja" in message.body
    invitation = Invitation.objects.get()
    token = path.split("/")[2]
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)
    page = client.get(MEMBERS).content.decode()
    assert "uusi.kollega@example.com" in page
    assert "Odottavat kutsut" in page


def test_the_invited_user_accepts_with_a_matching_email_in_another_case(
    client: Client, admin_user: User, invitee: User, organisation: Controller
) -> None:
    path = _invite(client, admin_user, "uusi.kollega@EXAMPLE.com", role="viewer")
    client.force_login(invitee)
    page = client.get(path)
    assert page.status_code == 200
    assert "Hyväksy kutsu" in page.content.decode()
    # Opening the link accepts nothing: mail scanners open links too.
    assert not Membership.objects.filter(user=invitee).exists()
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/hallinta/oma-organisaatio-oy/"
    membership = Membership.objects.get(user=invitee, controller=organisation)
    assert membership.role == MembershipRole.VIEWER
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    assert MembershipEvent.objects.filter(
        action=MembershipAction.ACCEPTED, actor=invitee, new_role=MembershipRole.VIEWER
    ).exists()


def test_a_used_link_is_refused_the_second_time(
    client: Client, admin_user: User, invitee: User
) -> None:
    path = _invite(client, admin_user, invitee.email)
    client.force_login(invitee)
    assert client.post(path).status_code == 302
    Membership.objects.filter(user=invitee).delete()
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "jo käytetty" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_expired_invitation_is_refused(client: Client, admin_user: User, invitee: User) -> None:
    path = _invite(client, admin_user, invitee.email)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(invitee)
    response = client.post(path)
    assert response.status_code == 410
    body = response.content.decode()
    assert "vanhentunut" in body
    assert "Oma Organisaatio" not in body
    assert not Membership.objects.filter(user=invitee).exists()
    # The admin still sees it, marked expired, and may resend it.
    client.force_login(admin_user)
    assert "vanhentunut" in client.get(MEMBERS).content.decode()


def test_a_withdrawn_invitation_is_refused_and_logged(
    client: Client, admin_user: User, invitee: User
) -> None:
    path = _invite(client, admin_user, invitee.email)
    invitation = Invitation.objects.get()
    response = client.post(f"{MEMBERS}kutsut/{invitation.pk}/peru/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    assert "perui kutsun" in client.get(MEMBERS).content.decode()
    client.force_login(invitee)
    response = client.post(path)
    assert response.status_code == 410
    assert "peruttu" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_resending_makes_a_new_link_and_the_old_one_stops_working(
    client: Client, admin_user: User, invitee: User
) -> None:
    old_path = _invite(client, admin_user, invitee.email)
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    response = client.post(f"{MEMBERS}kutsut/{invitation.pk}/laheta/")
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    new_path = LINK.search(mail.outbox[1].body)[1]  # type: ignore[index]
    assert new_path != old_path
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert MembershipEvent.objects.filter(action=MembershipAction.RESENT).count() == 1
    client.force_login(invitee)
    assert client.get(old_path).status_code == 404
    assert client.post(new_path).status_code == 302
    assert Membership.objects.filter(user=invitee).exists()


def test_inviting_a_pending_address_again_resends_with_the_new_role(
    client: Client, admin_user: User
) -> None:
    _invite(client, admin_user, "kaksi@example.com", role="viewer")
    _invite(client, admin_user, "KAKSI@example.com", role="editor")
    invitation = Invitation.objects.get()
    assert invitation.role == MembershipRole.EDITOR
    assert len(mail.outbox) == 2
    actions = list(MembershipEvent.objects.values_list("action", flat=True))
    assert actions == [MembershipAction.RESENT, MembershipAction.INVITED]


def test_inviting_an_existing_member_is_refused_beside_the_field(
    client: Client, admin_user: User, officer: User
) -> None:
    client.force_login(admin_user)
    response = client.post(MEMBERS, {"email": officer.email.upper(), "role": "viewer"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "on jo jäsenyys" in body
    assert f'value="{officer.email.upper()}"' in body  # nothing typed is lost
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invalid_address_is_refused_and_kept(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.post(MEMBERS, {"email": "ei-osoite", "role": "editor"})
    assert response.status_code == 200
    assert "Syötä" in response.content.decode() or "kelvollinen" in response.content.decode()
    assert 'value="ei-osoite"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_accepting_while_signed_in_as_someone_else_is_refused(
    client: Client, admin_user: User, invitee: User, officer: User
) -> None:
    path = _invite(client, admin_user, invitee.email)
    client.force_login(officer)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 403
        body = response.content.decode()
        assert "Kirjaudu ulos" in body
        assert invitee.email.lower() in body
    assert not Membership.objects.filter(user=invitee).exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(
    client: Client, admin_user: User, invitee: User
) -> None:
    path = _invite(client, admin_user, invitee.email)
    client.logout()
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/accounts/login/?next={path.replace("/", "%2F")}"' in body
    # Without an account: sign up with the same address, and come back here.
    assert f'href="/accounts/signup/?next={path.replace("/", "%2F")}"' in body
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    response = client.post(path)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_unknown_token_reveals_nothing(client: Client, officer: User) -> None:
    client.force_login(officer)
    assert client.get("/kutsu/arvattu-tunniste/").status_code == 404
    assert client.post("/kutsu/arvattu-tunniste/").status_code == 404


def test_only_an_admin_invites(client: Client, officer: User) -> None:
    client.force_login(officer)  # an editor
    response = client.post(MEMBERS, {"email": "x@example.com", "role": "admin"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert 'name="email"' not in client.get(MEMBERS).content.decode()
