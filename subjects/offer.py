"""What the public request form offers: only what the published notices say.

A person may ask for what the organisation's notices tell them they have a right to
(GDPR Art. 12(2): the controller facilitates the exercise of the rights of Art.
15-22), about the registers those notices describe. Drafts and unpublished changes
count for nothing here, as everywhere in public.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from privacy_notices.models import NoticeVersion
from registers.models import Controller, Register
from subjects.models import RIGHT_TYPES, RequestType


@dataclass(frozen=True)
class OfferedType:
    request_type: RequestType
    # The published registers the right is said to concern; empty when all.
    registers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Offer:
    types: list[OfferedType] = field(default_factory=list)
    # (register pk, its name as published), in the order the notices list them.
    registers: list[tuple[int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.types)

    def type_codes(self) -> set[str]:
        return {offered.request_type.value for offered in self.types}


def newest_contents(controller: Controller) -> list[dict]:
    """The content of the newest version of each of the organisation's notices."""
    newest = (
        NoticeVersion.objects.filter(notice=OuterRef("notice"))
        .order_by("-number")
        .values("number")[:1]
    )
    versions = (
        NoticeVersion.objects.filter(controller=controller, number=Subquery(newest))
        .order_by("notice__title", "notice_id")
        .only("content")
    )
    return [version.content for version in versions]


def published_offer(controller: Controller) -> Offer:
    contents = newest_contents(controller)
    # A register deleted since it was published cannot be chosen any more.
    existing = set(Register.objects.filter(controller=controller).values_list("pk", flat=True))
    registers: dict[int, str] = {}
    for content in contents:
        for register in content["registers"]:
            if register.get("id") in existing:
                registers.setdefault(register["id"], register["name"])
    concerns: dict[RequestType, set[str]] = {}
    for content in contents:
        all_names = {r["name"] for r in content["registers"]}
        for right in content["rights"]:
            request_type = RIGHT_TYPES.get(right["code"])
            if request_type is None:
                continue
            concerns.setdefault(request_type, set()).update(set(right["registers"]) or all_names)
    published_names = set(registers.values())
    types = []
    for request_type in RequestType:
        if request_type not in concerns:
            continue
        names = concerns[request_type]
        # Named only when the right concerns some of the registers, not all.
        shown = () if published_names <= names else tuple(sorted(names & published_names))
        types.append(OfferedType(request_type, shown))
    return Offer(types=types, registers=list(registers.items()))
