from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from privacy_notices.models import NoticeVersion, PrivacyNotice
from privacy_notices.pdf import PdfTooSlow
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


def test_a_demo_notice_that_cannot_be_rendered_is_a_command_error(
    settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]

    def too_slow(*args: object, **kwargs: object) -> bytes:
        raise PdfTooSlow("PDF-tiedoston muodostaminen kesti liian kauan (testi).")

    monkeypatch.setattr("privacy_notices.publishing.render_notice_pdf", too_slow)
    with pytest.raises(CommandError, match="kesti liian kauan"):
        call_command("load_demo", stdout=io.StringIO())
    assert not NoticeVersion.objects.exists()


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
