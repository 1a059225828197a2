"""The members page: roles, removal, leaving, the last admin and the log (issue 11)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from registers.models import (
    Controller,
    Membership,
    MembershipAction,
    MembershipEvent,
    MembershipRole,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERS = "/hallinta/oma-organisaatio-oy/jasenet/"
LAST_ADMIN = "vähintään yksi pääkäyttäjä"


@pytest.fixture
def admin_user(organisation: Controller) -> User:
    return MembershipFactory(
        user=UserFactory(username="admin", email="admin@example.com"),
        controller=organisation,
        role=MembershipRole.ADMIN,
    ).user


def _membership(user: User) -> Membership:
    return Membership.objects.get(user=user)


def test_members_see_the_list_with_roles_but_only_admins_get_the_forms(
    client: Client, admin_user: User, viewer: User, officer: User
) -> None:
    client.force_login(viewer)
    body = client.get(MEMBERS).content.decode()
    assert "officer@example.com" in body and "Muokkaaja" in body
    assert "Vaihda rooli" not in body and "Lähetä kutsu" not in body
    client.force_login(admin_user)
    body = client.get(MEMBERS).content.decode()
    assert "Vaihda rooli" in body and "Lähetä kutsu" in body


def test_the_navigation_links_the_members_page_for_admins(
    client: Client, admin_user: User, officer: User
) -> None:
    client.force_login(admin_user)
    assert f'href="{MEMBERS}"' in client.get("/hallinta/oma-organisaatio-oy/").content.decode()
    assert (
        f'href="{MEMBERS}"'
        in client.get("/hallinta/oma-organisaatio-oy/rekisterit/").content.decode()
    )
    client.force_login(officer)
    assert "Hallitse jäseniä" not in client.get("/hallinta/oma-organisaatio-oy/").content.decode()


def test_an_admin_changes_a_role_and_it_takes_effect_at_once(
    client: Client, admin_user: User, officer: User
) -> None:
    client.force_login(officer)
    create = "/hallinta/oma-organisaatio-oy/rekisterit/uusi/"
    assert client.post(create, {"name": "Ensimmäinen"}).status_code == 302
    admin_client = Client()
    admin_client.force_login(admin_user)
    response = admin_client.post(f"{MEMBERS}{_membership(officer).pk}/rooli/", {"role": "viewer"})
    assert response.status_code == 302
    assert _membership(officer).role == MembershipRole.VIEWER
    # The officer's very next write, in the same session, is refused.
    assert client.post(create, {"name": "Toinen"}).status_code == 403
    event = MembershipEvent.objects.get()
    assert (event.action, event.actor, event.subject_user) == (
        MembershipAction.ROLE_CHANGED,
        admin_user,
        officer,
    )
    assert (event.old_role, event.new_role) == (MembershipRole.EDITOR, MembershipRole.VIEWER)
    body = admin_client.get(MEMBERS).content.decode()
    assert "muutti roolin officer@example.com (Muokkaaja → Lukija)" in body


def test_an_invalid_role_is_refused_beside_the_select(
    client: Client, admin_user: User, officer: User
) -> None:
    client.force_login(admin_user)
    pk = _membership(officer).pk
    response = client.post(f"{MEMBERS}{pk}/rooli/", {"role": "superuser"})
    assert response.status_code == 200
    assert "superuser ei ole vaihtoehtojen joukossa" in response.content.decode()
    assert _membership(officer).role == MembershipRole.EDITOR
    assert not MembershipEvent.objects.exists()


def test_an_admin_removes_a_member(client: Client, admin_user: User, officer: User) -> None:
    client.force_login(admin_user)
    response = client.post(f"{MEMBERS}{_membership(officer).pk}/poista/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=officer).exists()
    assert "poisti jäsenen officer@example.com" in client.get(MEMBERS).content.decode()
    client.force_login(officer)
    assert client.get("/hallinta/oma-organisaatio-oy/").status_code == 404


def test_editors_and_viewers_change_nothing(
    client: Client, admin_user: User, officer: User, viewer: User
) -> None:
    target = _membership(admin_user).pk
    for user in (officer, viewer):
        client.force_login(user)
        assert client.post(f"{MEMBERS}{target}/rooli/", {"role": "viewer"}).status_code == 403
        assert client.post(f"{MEMBERS}{target}/poista/").status_code == 403
    assert _membership(admin_user).role == MembershipRole.ADMIN
    assert not MembershipEvent.objects.exists()


def test_a_member_leaves_after_confirming(client: Client, admin_user: User, viewer: User) -> None:
    client.force_login(viewer)
    response = client.post(f"{MEMBERS}eroa/", {})
    assert response.status_code == 200
    assert "Vahvista eroaminen" in response.content.decode()
    assert Membership.objects.filter(user=viewer).exists()
    response = client.post(f"{MEMBERS}eroa/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Membership.objects.filter(user=viewer).exists()
    event = MembershipEvent.objects.get()
    assert (event.action, event.actor, event.old_role) == (
        MembershipAction.LEFT,
        viewer,
        MembershipRole.VIEWER,
    )


# --- The last admin -------------------------------------------------------------------------


def test_the_last_admin_cannot_be_demoted(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.post(f"{MEMBERS}{_membership(admin_user).pk}/rooli/", {"role": "editor"})
    assert response.status_code == 200
    assert LAST_ADMIN in response.content.decode()
    assert _membership(admin_user).role == MembershipRole.ADMIN


def test_the_last_admin_cannot_leave(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.post(f"{MEMBERS}eroa/", {"confirm": "on"})
    assert response.status_code == 200
    assert LAST_ADMIN in response.content.decode()
    assert Membership.objects.filter(user=admin_user).exists()


def test_the_last_admin_cannot_be_removed(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.post(f"{MEMBERS}{_membership(admin_user).pk}/poista/", follow=True)
    assert LAST_ADMIN in response.content.decode()
    assert Membership.objects.filter(user=admin_user).exists()
    assert not MembershipEvent.objects.exists()


def test_with_a_second_admin_the_first_may_step_down(
    client: Client, admin_user: User, officer: User
) -> None:
    client.force_login(admin_user)
    officer_pk = _membership(officer).pk
    assert client.post(f"{MEMBERS}{officer_pk}/rooli/", {"role": "admin"}).status_code == 302
    own = _membership(admin_user).pk
    assert client.post(f"{MEMBERS}{own}/rooli/", {"role": "viewer"}).status_code == 302
    assert list(Membership.objects.admins().values_list("user__username", flat=True)) == ["officer"]


def test_the_model_refuses_to_lose_the_last_admin(admin_user: User, officer: User) -> None:
    membership = _membership(admin_user)
    membership.role = MembershipRole.EDITOR
    with pytest.raises(ValidationError) as raised:
        membership.full_clean()
    assert LAST_ADMIN in raised.value.message_dict["role"][0]
    with pytest.raises(ValidationError):
        _membership(admin_user).delete()
    # Moving the last admin to another organisation would leave this one without.
    membership = _membership(admin_user)
    membership.controller = Controller.objects.create(name="Toinen Oy", slug="toinen-oy")
    membership.role = MembershipRole.ADMIN
    with pytest.raises(ValidationError):
        membership.full_clean()
    # Deleting the whole organisation still takes its memberships.
    Controller.objects.filter(slug="oma-organisaatio-oy").delete()
    assert not Membership.objects.filter(user=admin_user).exists()


def test_the_django_admin_cannot_take_the_last_admin(
    client: Client, staff: User, admin_user: User, organisation: Controller
) -> None:
    client.force_login(staff)
    membership = _membership(admin_user)
    url = f"/admin/registers/membership/{membership.pk}/"
    assert client.get(f"{url}delete/").status_code == 403
    response = client.post(
        f"{url}change/",
        {"user": admin_user.pk, "controller": organisation.pk, "role": "viewer"},
    )
    assert response.status_code == 200
    assert LAST_ADMIN in response.content.decode()
    assert "delete_selected" not in client.get("/admin/registers/membership/").content.decode()
    # The organisation's members inline.
    prefix = "memberships"
    data = {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": membership.pk,
        f"{prefix}-0-controller": organisation.pk,
        f"{prefix}-0-user": admin_user.pk,
        f"{prefix}-0-role": "admin",
        f"{prefix}-0-DELETE": "on",
    }
    page = client.get(f"/admin/registers/controller/{organisation.pk}/change/")
    form = page.context["adminform"].form
    fields = {name: form[name].value() for name in form.fields}
    post = {k: ("" if v is None else v) for k, v in fields.items() if not isinstance(v, list)}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            post[management.add_prefix(name)] = management[name].value()
    post.update(data)
    response = client.post(f"/admin/registers/controller/{organisation.pk}/change/", post)
    assert response.status_code == 200, response.get("Location")
    assert LAST_ADMIN in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_outsiders_get_404_on_every_members_url(
    client: Client, admin_user: User, officer: User, outsider: User
) -> None:
    client.force_login(outsider)
    pk = _membership(officer).pk
    for url in (MEMBERS, f"{MEMBERS}eroa/", f"{MEMBERS}{pk}/rooli/", f"{MEMBERS}{pk}/poista/"):
        for method in (client.get, client.post, client.delete):
            assert method(url).status_code == 404, url
    assert Membership.objects.filter(user=officer).exists()


def test_the_members_page_takes_a_fixed_number_of_queries(
    client: Client,
    admin_user: User,
    organisation: Controller,
    django_assert_max_num_queries: pytest.FixtureRequest,
) -> None:
    for n in range(10):
        MembershipFactory(controller=organisation, role=MembershipRole.VIEWER)
        MembershipEvent.objects.create(
            controller=organisation, actor_label="a", subject_label=f"s{n}", action="removed"
        )
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(MEMBERS).status_code == 200
