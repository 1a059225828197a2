"""What the requests add to the organisation's overview and to its Art. 30 record.

Registered from SubjectsConfig.ready() (registers/overview.py,
privacy_notices/record.py), so those apps never import this one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registers.models import Controller, Membership
from registers.overview import URGENT, AttentionItem
from subjects.models import SOON_DUE_DAYS, SubjectRequest
from subjects.statistics import yearly_counts


def overview_panel(request: HttpRequest, membership: Membership) -> SafeString:
    """The open requests and the yearly counts; what is due is in the attention list."""
    controller = membership.controller
    received = SubjectRequest.objects.for_controller(controller).received()
    context = {
        "organisation": controller,
        "open": received.open().count(),
        "years": yearly_counts(controller),
    }
    return render_to_string("subjects/includes/_overview_panel.html", context, request=request)


def due_attention(membership: Membership) -> list[AttentionItem]:
    """Requests past or near their deadline (GDPR Art. 12(3): one month from receipt,
    extended by at most two), in the overview's "Vaatii huomiota" list."""
    today = timezone.localdate()
    received = SubjectRequest.objects.for_controller(membership.controller).received()
    counts = {
        "overdue": received.overdue(today).count(),
        "soon_due": received.soon_due(today).count(),
    }
    inbox = reverse("subjects:inbox", kwargs={"org": membership.controller.slug})
    items = []
    if counts["overdue"]:
        items.append(
            AttentionItem(
                ngettext(
                    "%(count)s pyyntöön ei ole vastattu määräajassa (12 art. 3 kohta).",
                    "%(count)s pyyntöön ei ole vastattu määräajassa (12 art. 3 kohta).",
                    counts["overdue"],
                )
                % {"count": counts["overdue"]},
                f"{inbox}?maara=myohassa",
                _("Avaa myöhässä olevat"),
                severity=URGENT,
            )
        )
    if counts["soon_due"]:
        items.append(
            AttentionItem(
                ngettext(
                    "%(count)s pyynnön määräaika päättyy %(days)s päivän kuluessa.",
                    "%(count)s pyynnön määräaika päättyy %(days)s päivän kuluessa.",
                    counts["soon_due"],
                )
                % {"count": counts["soon_due"], "days": SOON_DUE_DAYS},
                f"{inbox}?maara=viikko",
                _("Avaa pian erääntyvät"),
            )
        )
    return items


def record_appendix(controller: Controller) -> dict[str, Any] | None:
    years = yearly_counts(controller)
    if not years:
        return None
    headings = [_("Pyynnön tyyppi"), _("Yhteensä"), _("Valmis"), _("Hylätty"), _("Avoinna")]
    return {
        "title": _("Liite: rekisteröityjen pyynnöt"),
        "intro": _(
            "Seloste-palvelun kautta vastaanotetut rekisteröityjen pyynnöt (15–22 art. ja 7 art. "
            "3 kohta) vastaanottovuoden, tyypin ja lopputuloksen mukaan. Ei 30 artiklan 1 "
            "kohdan vaatima tieto, vaan osoitus pyyntöihin vastaamisesta (5 art. 2 kohta)."
        ),
        "tables": [
            {
                "caption": str(year.year),
                "headings": headings,
                "rows": [
                    *([t.label, t.total, t.done, t.refused, t.open] for t in year.types),
                    [
                        _("Yhteensä"),
                        year.total.total,
                        year.total.done,
                        year.total.refused,
                        year.total.open,
                    ],
                ],
            }
            for year in years
        ],
    }
