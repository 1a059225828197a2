"""What the requests add to the organisation's overview and to its Art. 30 record.

Registered from SubjectsConfig.ready() (registers/overview.py,
privacy_notices/record.py), so those apps never import this one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from registers.models import Controller, Membership
from subjects.models import SOON_DUE_DAYS, SubjectRequest
from subjects.statistics import yearly_counts


def overview_panel(request: HttpRequest, membership: Membership) -> SafeString:
    controller = membership.controller
    today = timezone.localdate()
    received = SubjectRequest.objects.for_controller(controller).received()
    context = {
        "organisation": controller,
        "open": received.open().count(),
        "overdue": received.overdue(today).count(),
        "soon_due": received.soon_due(today).count(),
        "soon_days": SOON_DUE_DAYS,
        "years": yearly_counts(controller),
    }
    return render_to_string("subjects/includes/_overview_panel.html", context, request=request)


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
