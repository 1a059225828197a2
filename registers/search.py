"""Search across one organisation's registers, library items and notices.

Matching is case-insensitive for every letter, ä, ö and å too, on SQLite as on
PostgreSQL: the text is matched with ``iregex`` on the escaped query. SQLite's LIKE
(``icontains``) folds ASCII letters only, whereas Django runs SQLite's REGEXP in
Python's ``re`` (which folds all of Unicode) and PostgreSQL's ``~*`` folds by the
database's locale.

The arrows run one way (privacy_notices -> registers): an app built on registers adds
its own results with ``add_provider`` from its AppConfig.ready(), as the notices do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from registers.models import Controller, Register

MAX_QUERY_LENGTH = 200
# Characters of context on each side of the first match in a text.
SNIPPET_CONTEXT = 60


@dataclass(frozen=True)
class Query:
    """What the officer typed, ready for the database and for highlighting."""

    text: str

    @property
    def regex(self) -> str:
        # re.escape escapes only non-alphanumerics, which PostgreSQL's regular
        # expressions also read as literals after a backslash.
        return re.escape(self.text)

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.text), re.IGNORECASE)

    def where(self, lookups: Iterable[str]) -> Q:
        return reduce(or_, (Q(**{f"{lookup}__iregex": self.regex}) for lookup in lookups))


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    # Where the query was found: the field's name and the text around the match.
    where: str | Promise = ""
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))
    note: str | Promise = ""


@dataclass(frozen=True)
class ResultGroup:
    title: str | Promise
    hits: list[Hit]


# (the organisation, the query) -> the provider's results, or None for none.
Provider = Callable[[Controller, Query], ResultGroup | None]

PROVIDERS: list[Provider] = []


def add_provider(provider: Provider) -> Provider:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def highlight(text: str, query: Query, *, context: int = SNIPPET_CONTEXT) -> SafeString:
    """The text around the first match, escaped, the match in ``<mark class='p-0'>``; "" if none."""
    match = query.pattern.search(text)
    if match is None:
        return mark_safe("")
    start, end = match.span()
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    prefix = "…" if start > context else ""
    suffix = "…" if end + context < len(text) else ""
    return format_html(
        '{}{}<mark class="p-0">{}</mark>{}{}', prefix, before, text[start:end], after, suffix
    )


def _texts(obj: Model, lookup: str) -> Iterator[tuple[str, str]]:
    """(field label, text) of a lookup such as "purposes__description", over the
    object's prefetched rows."""
    relation, _sep, rest = lookup.partition("__")
    if rest:
        for row in getattr(obj, relation).all():
            yield from _texts(row, rest)
        return
    value = getattr(obj, lookup)
    if value:
        yield str(obj._meta.get_field(lookup).verbose_name), str(value)


def first_match(obj: Model, lookups: Iterable[str], query: Query) -> tuple[str, SafeString]:
    """The label and highlighted snippet of the first of the object's texts that match."""
    for lookup in lookups:
        for label, text in _texts(obj, lookup):
            snippet = highlight(text, query)
            if snippet:
                return label, snippet
    return "", mark_safe("")


def matching(queryset: QuerySet, lookups: tuple[str, ...], query: Query) -> list[Model]:
    """The rows with a text that matches, each related part prefetched for its snippet.

    A constant number of queries: one for the rows, one per related part.
    """
    relations = sorted({lookup.split("__")[0] for lookup in lookups if "__" in lookup})
    ids = queryset.filter(query.where(lookups)).values("pk")
    return list(queryset.filter(pk__in=ids).prefetch_related(*relations))


def hits(
    rows: Iterable[Model],
    lookups: tuple[str, ...],
    query: Query,
    *,
    title: Callable[[Model], str],
    url: Callable[[Model], str],
    note: Callable[[Model], str | Promise] = lambda row: "",
) -> list[Hit]:
    result = []
    for row in rows:
        where, snippet = first_match(row, lookups, query)
        result.append(Hit(title(row), url(row), where, snippet, note(row)))
    return result


# --- The registers' own providers --------------------------------------------------------

REGISTER_LOOKUPS = (
    "name",
    "description",
    "purposes_note",
    "consent_withdrawal",
    "informing_timing",
    "informing_exemption",
    "recipients_note",
    "transfers_note",
    "automated_decisions_description",
    "provision_consequences",
    "cookies_note",
    "joint_controller_arrangement",
    "purposes__description",
    "purposes__legitimate_interest",
    "purposes__law_reference",
    "data_subject_categories__name",
    "data_subject_categories__description",
    "transfers__country",
    "transfers__safeguard_details",
    "retention_rules__starts_from",
    "retention_rules__criteria",
    "cookies__name",
    "cookies__purpose",
    "cookies__provider",
    "cookies__description",
    "right_procedures__text",
)


def search_registers(controller: Controller, query: Query) -> ResultGroup | None:
    rows = matching(
        Register.objects.for_controller(controller).order_by("archived", "name"),
        REGISTER_LOOKUPS,
        query,
    )
    if not rows:
        return None
    return ResultGroup(
        _("Rekisterit"),
        hits(
            rows,
            REGISTER_LOOKUPS,
            query,
            title=lambda row: row.name,
            url=lambda row: reverse(
                "registers:register", kwargs={"org": controller.slug, "register_pk": row.pk}
            ),
            note=lambda row: _("arkistoitu") if row.archived else "",
        ),
    )


# Library key (registers.views.LIBRARIES) -> the texts searched.
LIBRARY_LOOKUPS: dict[str, tuple[str, ...]] = {
    "tietoryhmat": ("name", "description", "law_reference"),
    "vastaanottajat": ("name", "description", "country"),
    "lahteet": ("name", "description"),
    "suojaus": ("title", "text"),
}


def search_libraries(controller: Controller, query: Query) -> list[ResultGroup]:
    from registers.views import LIBRARIES  # the views import the forms; keep this light

    groups = []
    for key, lookups in LIBRARY_LOOKUPS.items():
        library = LIBRARIES[key]
        rows = matching(library.model.objects.for_controller(controller), lookups, query)
        if not rows:
            continue

        def url(row: Model, library: object = library) -> str:
            return reverse(
                library.url_name("edit"),  # type: ignore[attr-defined]
                kwargs={"org": controller.slug, library.pk_kwarg: row.pk},  # type: ignore[attr-defined]
            )

        groups.append(ResultGroup(library.title, hits(rows, lookups, query, title=str, url=url)))
    return groups


def search(controller: Controller, text: str) -> list[ResultGroup]:
    """Everything of the organisation that matches the text, grouped by kind."""
    query = Query(text)
    groups = [search_registers(controller, query), *search_libraries(controller, query)]
    groups += [provider(controller, query) for provider in PROVIDERS]
    return [group for group in groups if group is not None and group.hits]
