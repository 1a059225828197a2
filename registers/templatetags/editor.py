"""Small template helpers of the editor."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta) -> int:
    """Whole minutes of a duration, e.g. the sign-in cool-off time."""
    return int(value.total_seconds() // 60)
