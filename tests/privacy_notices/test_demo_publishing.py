from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from privacy_notices.models import NoticeVersion, PrivacyNotice
from registers.models import Controller

pytestmark = pytest.mark.django_db


def test_the_demo_command_publishes_each_demo_notice_once(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Published /smart-time-oy/tietosuojaseloste/" in out.getvalue()
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(NoticeVersion.objects.values_list("controller__slug", "number")) == [
        ("smart-time-oy", 1),
        ("smartum-oy", 1),
        ("timmi-software-oy", 1),
    ]


def test_the_demo_can_still_be_reset_after_publishing(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", reset=True, no_publish=True, stdout=io.StringIO())
    assert not NoticeVersion.objects.exists()
    assert Controller.objects.count() == 3


@pytest.mark.parametrize("slug", ["versiot", "pyynto", "API"])
def test_notice_slugs_used_by_the_apps_routes_are_reserved(
    organisation: Controller, slug: str
) -> None:
    notice = PrivacyNotice(controller=organisation, title="x", slug=slug)
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "slug" in error.value.message_dict
