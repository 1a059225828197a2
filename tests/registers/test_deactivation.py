"""Staff take an organisation out of use in the admin; nothing else needs staff (issue 11)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from privacy_notices.checks import check_notice
from privacy_notices.publishing import publish_notice
from registers.models import Controller
from tests.factories import complete_register, notice_with

pytestmark = pytest.mark.django_db


def test_members_of_a_deactivated_organisation_are_told_and_kept_out(
    client: Client, officer: User, organisation: Controller, outsider: User
) -> None:
    Controller.objects.filter(pk=organisation.pk).update(is_active=False)
    client.force_login(officer)
    response = client.get(f"/hallinta/{organisation.slug}/rekisterit/")
    assert response.status_code == 403
    assert "poistanut organisaation käytöstä" in response.content.decode()
    response = client.post(f"/hallinta/{organisation.slug}/rekisterit/uusi/", {"name": "X"})
    assert response.status_code == 403
    # An outsider still learns nothing: 404.
    client.force_login(outsider)
    assert client.get(f"/hallinta/{organisation.slug}/rekisterit/").status_code == 404


def test_a_deactivated_organisation_leaves_the_members_lists(
    officer: User, organisation: Controller
) -> None:
    assert list(Controller.objects.for_user(officer)) == [organisation]
    Controller.objects.filter(pk=organisation.pk).update(is_active=False)
    assert list(Controller.objects.for_user(officer)) == []


def test_its_published_notices_stay_public(
    client: Client, officer: User, organisation: Controller
) -> None:
    notice = notice_with(organisation, complete_register(organisation))
    gaps = [f.code for f in check_notice(notice) if f.blocking]
    publish_notice(
        notice=notice, published_by=officer, change_note="Ensimmäinen", acknowledged=gaps
    )
    Controller.objects.filter(pk=notice.controller_id).update(is_active=False)
    response = client.get(f"/{notice.controller.slug}/{notice.slug}/")
    assert response.status_code == 200


def test_staff_deactivate_and_reactivate_in_the_admin(
    client: Client, staff: User, organisation: Controller
) -> None:
    client.force_login(staff)
    for action, active in (("deactivate", False), ("activate", True)):
        response = client.post(
            "/admin/registers/controller/",
            {"action": action, "_selected_action": [organisation.pk]},
        )
        assert response.status_code == 302
        organisation.refresh_from_db()
        assert organisation.is_active is active
