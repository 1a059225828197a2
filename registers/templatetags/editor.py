"""Small template helpers of the editor."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.forms import BoundField, Textarea

register = template.Library()


@register.filter
def minutes(value: timedelta) -> int:
    """Whole minutes of a duration, e.g. the sign-in cool-off time."""
    return int(value.total_seconds() // 60)


@register.filter
def is_textarea(bound_field: BoundField) -> bool:
    """Long text gets a row of its own in the register page's part rows."""
    return isinstance(bound_field.field.widget, Textarea)
