"""What the notices add to the organisation's overview and to a register's page.

Registered from PrivacyNoticesConfig.ready() (registers/overview.py), so that
registers never imports this app.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from privacy_notices.checks import check_content
from privacy_notices.content import build_notice_contents
from privacy_notices.differences import changed_parts
from privacy_notices.forms import AddRegisterForm
from privacy_notices.models import EarlierChange, NoticeRegister, NoticeVersion, PrivacyNotice
from registers.models import Membership, Register
from registers.overview import AttentionItem


def notice_attention(membership: Membership) -> list[AttentionItem]:
    """Notices to publish again or for the first time, their gaps, and registers in
    no notice. The same check (privacy_notices/checks/) and the same comparison with
    the latest version (differences.py) as the notice's own check page."""
    controller = membership.controller
    latest = NoticeVersion.objects.filter(notice=OuterRef("pk")).order_by("-number")
    notices = list(
        PrivacyNotice.objects.for_controller(controller)
        .select_related("controller")
        .prefetch_related(Prefetch("earlier_history", queryset=EarlierChange.objects.all()))
        .annotate(latest_pk=Subquery(latest.values("pk")[:1]))
        .order_by("title")
    )
    contents = build_notice_contents(notices)
    versions = {
        v.notice_id: v
        for v in NoticeVersion.objects.filter(
            pk__in=[n.latest_pk for n in notices if n.latest_pk]
        ).only("notice_id", "number", "content")
    }
    org, items = controller.slug, []
    for notice in notices:
        content = contents[notice.pk]
        url = reverse("privacy_notices:notice_detail", kwargs={"org": org, "notice_pk": notice.pk})
        version = versions.get(notice.pk)
        if version is None:
            items.append(
                AttentionItem(
                    _("Selostetta ”%(notice)s” ei ole vielä julkaistu.") % {"notice": notice.title},
                    f"{url}#julkaise",
                    _("Tarkista ja julkaise"),
                )
            )
        elif parts := changed_parts(content, version.content):
            items.append(
                AttentionItem(
                    _(
                        "Selosteen ”%(notice)s” julkaistun version %(number)s jälkeen on "
                        "muutettu: %(parts)s. Muutokset eivät näy lukijalle ennen julkaisua."
                    )
                    % {"notice": notice.title, "number": version.number, "parts": parts},
                    f"{url}#erot",
                    _("Katso erot ja julkaise"),
                )
            )
        gaps = sum(f.blocking for f in check_content(notice, content))
        if gaps:
            items.append(
                AttentionItem(
                    ngettext(
                        "Selosteesta ”%(notice)s” puuttuu %(count)s pakollinen tieto (13 ja 14 "
                        "art.).",
                        "Selosteesta ”%(notice)s” puuttuu %(count)s pakollista tietoa (13 ja 14 "
                        "art.).",
                        gaps,
                    )
                    % {"notice": notice.title, "count": gaps},
                    f"{url}#tarkistus",
                    _("Katso puutteet"),
                )
            )
    orphans = (
        Register.objects.for_controller(controller)
        .active()
        .exclude(Exists(NoticeRegister.objects.filter(register=OuterRef("pk"))))
        .order_by("name")
        .only("pk", "name", "controller_id")
    )
    for register in orphans:
        url = reverse("registers:register", kwargs={"org": org, "register_pk": register.pk})
        items.append(
            AttentionItem(
                _("Rekisteri ”%(register)s” ei ole missään selosteessa (13 ja 14 art.).")
                % {"register": register.name},
                f"{url}#selosteet",
                _("Lisää selosteeseen"),
            )
        )
    return items


def register_notices_panel(
    request: HttpRequest, membership: Membership, register: Register
) -> SafeString:
    """The notices that include the register, and (for editors) adding it to another."""
    includes = NoticeRegister.objects.filter(notice=OuterRef("pk"), register=register)
    notices = list(
        PrivacyNotice.objects.for_controller(membership.controller)
        .annotate(includes=Exists(includes))
        .only("pk", "title")
        .order_by("title")
    )
    included = [n for n in notices if n.includes]
    can_add = membership.can_edit and not register.archived and len(included) < len(notices)
    context = {
        "organisation": membership.controller,
        "register": register,
        "included": included,
        "has_notices": bool(notices),
        "can_edit": membership.can_edit,
        "form": AddRegisterForm(register=register) if can_add else None,
    }
    return render_to_string(
        "privacy_notices/includes/_register_notices.html", context, request=request
    )
