"""An invitation to a confirmed address waits on the dashboard (issue 11).

allauth's confirmation does not carry the invitation link's `next`: a newcomer who signed
up from an invitation finds it here instead of being led to create an organisation.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from registers.models import Controller, Invitation, Membership, MembershipRole
from tests.factories import UserFactory, pending_invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db: None) -> User:
    user = UserFactory(username="uusi", email="kutsuttu@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_newcomer_sees_the_invitation_and_accepts_it(
    client: Client, newcomer: User, organisation: Controller
) -> None:
    invitation = pending_invitation(organisation, "odottaa")
    client.force_login(newcomer)
    response = client.get("/hallinta/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kutsut sinulle" in body
    assert organisation.name in body
    response = client.post(f"/kutsu/odottava/{invitation.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/hallinta/{organisation.slug}/"
    assert Membership.objects.get(user=newcomer).role == MembershipRole.EDITOR
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    # Accepted: the dashboard leads straight to the organisation again.
    assert client.get("/hallinta/")["Location"] == f"/hallinta/{organisation.slug}/"


def test_an_unconfirmed_address_does_not_count(client: Client, organisation: Controller) -> None:
    typed_by_staff = UserFactory(username="henkilokunta", email="kutsuttu@example.com")
    invitation = pending_invitation(organisation, "odottaa")
    client.force_login(typed_by_staff)
    assert client.get("/hallinta/")["Location"] == "/hallinta/uusi/"
    assert client.post(f"/kutsu/odottava/{invitation.pk}/").status_code == 404
    assert not Membership.objects.filter(user=typed_by_staff).exists()


def test_someone_elses_expired_or_withdrawn_invitation_is_a_404(
    client: Client, newcomer: User, organisation: Controller, other_organisation: Controller
) -> None:
    other = pending_invitation(other_organisation, "toinen")
    Invitation.objects.filter(pk=other.pk).update(email="joku@example.com")
    expired = pending_invitation(organisation, "vanha")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    client.force_login(newcomer)
    for invitation in (other, expired):
        assert client.post(f"/kutsu/odottava/{invitation.pk}/").status_code == 404
    # The same invitation, current again but withdrawn (one per address and organisation).
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() + timedelta(1), status="withdrawn"
    )
    assert client.post(f"/kutsu/odottava/{expired.pk}/").status_code == 404
    assert client.get(f"/kutsu/odottava/{expired.pk}/").status_code == 405
    assert not Membership.objects.filter(user=newcomer).exists()
