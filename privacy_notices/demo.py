"""Publish the demo notices once, so that a newcomer sees public pages at once."""

from __future__ import annotations

from privacy_notices.checks import check_notice
from privacy_notices.models import PrivacyNotice
from privacy_notices.publishing import publish_notice
from registers.demo import ORGANISATIONS
from registers.models import Membership

DEMO_CHANGE_NOTE = "Ensimmäinen Seloste-palvelussa julkaistu versio."


def publish_demo_notices() -> list[str]:
    """Publish each demo notice that has no version yet; returns their public paths.

    The demo reproduces real notices with their gaps, so the missing items the
    check finds are acknowledged (and recorded on the version) rather than fixed.
    """
    slugs = [data["controller"]["slug"] for data in ORGANISATIONS]
    published = []
    notices = PrivacyNotice.objects.filter(
        controller__slug__in=slugs, versions__isnull=True
    ).select_related("controller")
    for notice in notices:
        editor = (
            Membership.objects.filter(controller=notice.controller)
            .editors()
            .select_related("user")
            .order_by("pk")
            .first()
        )
        missing = [f.code for f in check_notice(notice) if f.blocking]
        publish_notice(
            notice=notice,
            published_by=editor.user if editor else None,
            change_note=DEMO_CHANGE_NOTE,
            acknowledged=missing,
        )
        published.append(notice.get_absolute_url())
    return published
