"""A per-process memory of each notice's newest published page.

The newest-version URL is the hottest public page. Its bytes are a stored version's,
which never change; only *which* version is newest changes, when one is published.
Each worker process keeps the answer for ``NEWEST_LOCAL_SECONDS`` (the
``public_pages`` cache alias, process-local memory), so most requests need no
database at all. Publishing forgets the entry in the publishing process at once;
other processes follow within that many seconds, which docs/deploy.md adds to the
bound within which a new version is public.
"""

from __future__ import annotations

from django.core.cache import caches

ALIAS = "public_pages"


def _key(org: str, notice: str) -> str:
    return f"newest:{org}:{notice}"


def remembered_newest(org: str, notice: str) -> tuple[str, bytes] | None:
    """The (ETag, page bytes) this process last read for the notice, if still fresh."""
    return caches[ALIAS].get(_key(org, notice))


def remember_newest(org: str, notice: str, etag: str, page: bytes) -> None:
    caches[ALIAS].set(_key(org, notice), (etag, page))


def forget_newest(org: str, notice: str) -> None:
    caches[ALIAS].delete(_key(org, notice))
