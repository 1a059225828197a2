"""Help for the officer: the glossary of GDPR terms (public) and the editor's search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from registers.access import editor_context, members_only, membership_for_request
from registers.glossary import TERMS
from registers.search import MAX_QUERY_LENGTH, search


# Public: the help texts link here from the editor, and a reader may follow a link too.
# The page reads nothing of the session (no Vary: Cookie), so caches may keep it.
@require_safe
@cache_control(public=True, max_age=3600)
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "registers/glossary.html", {"terms": TERMS})


@login_required
@members_only(["GET", "HEAD"])
def search_view(request: HttpRequest, org: str) -> HttpResponse:
    """Viewers search too: the results only link to pages they may read."""
    membership = membership_for_request(request, org)
    text = " ".join(request.GET.get("q", "").split())
    groups, error = [], ""
    if len(text) > MAX_QUERY_LENGTH:
        error = _(
            "Hakusana on liian pitkä: enintään %(max)d merkkiä. Lyhennä hakua, esim. yhteen sanaan."
        ) % {"max": MAX_QUERY_LENGTH}
    elif text:
        groups = search(membership.controller, text)
    context = editor_context(
        membership,
        query=text,
        groups=groups,
        error=error,
        hit_count=sum(len(group.hits) for group in groups),
        max_query_length=MAX_QUERY_LENGTH,
    )
    return render(request, "registers/search.html", context, status=400 if error else 200)
