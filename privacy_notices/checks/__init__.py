"""The completeness check of a notice against GDPR Art. 13 and 14.

Each finding is a sentence in plain Finnish with the article it comes from and a
link to the field that fixes it. A *missing* finding blocks publishing until it is
fixed or the editor acknowledges it; a *warning* (outdated or doubtful content)
does not. See ../shared/GDPR_CHECKLIST.md.

Fix links point at the editor: the register page's section, the controller
details page, or the notice's own edit page (``EDITOR_PAGES``, ``REGISTER_SECTIONS``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.findings import (
    EDITOR_PAGES,
    MISSING,
    REGISTER_SECTIONS,
    WARNING,
    Finding,
    Findings,
    Origins,
)
from privacy_notices.checks.outdated import REPEALED_ACT_RE, repealed_act_findings
from privacy_notices.checks.required import controller_findings, register_findings
from privacy_notices.checks.right_texts import unpublished_right_procedure_findings
from privacy_notices.checks.special import representative_findings
from privacy_notices.content import build_notice_content
from privacy_notices.models import PrivacyNotice

__all__ = [
    "EDITOR_PAGES",
    "MISSING",
    "REGISTER_SECTIONS",
    "REPEALED_ACT_RE",
    "WARNING",
    "Finding",
    "check_content",
    "check_notice",
]


def check_content(notice: PrivacyNotice, content: dict[str, Any]) -> list[Finding]:
    found = Findings(notice)
    if not content["registers"]:
        found.add(
            MISSING,
            "no_registers",
            _("Selosteeseen ei ole liitetty yhtään rekisteriä"),
            "13 art. 1 c, 14 art. 1 c",
            where="notice",
            field="id_registers",
        )
    found.origins = Origins.of_notice(content)
    controller_findings(found, content["controller"])
    representative_findings(found, content["controller"])
    for register in content["registers"]:
        register_findings(found, register)
    repealed_act_findings(found, content)
    unpublished_right_procedure_findings(found, content)
    return found.items


def check_notice(notice: PrivacyNotice, content: dict[str, Any] | None = None) -> list[Finding]:
    """Every finding of the notice as it now reads (``content``, when the caller has
    built it already), mandatory ones first."""
    if content is None:
        content = build_notice_content(notice)
    findings = check_content(notice, content)
    return sorted(findings, key=lambda f: not f.blocking)
