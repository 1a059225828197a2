"""Template helpers of the inbox: the due date with its overdue or soon-due badge."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from subjects.models import SOON_DUE_DAYS, SubjectRequest
from subjects.replies import finnish_day

register = template.Library()


@register.filter
def soon_due(request: SubjectRequest, today: date) -> bool:
    return today <= request.due_on <= today + timedelta(days=SOON_DUE_DAYS)


@register.simple_tag
def due_badge(request: SubjectRequest, today: date) -> SafeString:
    day = format_html('<span class="text-nowrap">{}</span>', finnish_day(request.due_on))
    if not request.is_open:
        return day
    left = (request.due_on - today).days
    if left < 0:
        badge = ("text-bg-danger", _("myöhässä %(days)s pv") % {"days": -left})
    elif left <= SOON_DUE_DAYS:
        badge = ("text-bg-warning", _("%(days)s pv jäljellä") % {"days": left})
    else:
        return day
    return format_html('{} <span class="badge {}">{}</span>', day, *badge)


@register.filter
def add_class(field: BoundField, css: str) -> Any:
    return field.as_widget(attrs={"class": css})
