"""Links from a form field's help text to the glossary (registers.glossary)."""

from __future__ import annotations

from django import template
from django.forms import BoundField

from registers.glossary import Term, term_for_field

register = template.Library()


@register.simple_tag
def glossary_term(bound_field: BoundField) -> Term | None:
    return term_for_field(bound_field)
