"""Per-right texts a notice would not publish (GDPR Art. 12(2))."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from privacy_notices.checks.findings import WARNING, Findings
from registers.models import DataSubjectRight


def unpublished_right_procedure_findings(found: Findings, content: dict[str, Any]) -> None:
    """A text on exercising a right the notice does not include is not published
    (GDPR Art. 12(2), 20-22: portability, objection, withdrawal of consent and Art. 22
    depend on the legal bases and on automated decisions)."""
    labels = dict(DataSubjectRight.choices)
    shown = {right["code"]: right["registers"] for right in content["rights"]}
    for code in content["controller"].get("right_procedures") or {}:
        if code not in shown:
            found.add(
                WARNING,
                f"right_procedure_unpublished:{code}:",
                _(
                    "Ohjetta oikeudesta ”%s” ei julkaista tässä selosteessa, koska oikeus ei "
                    "koske sen rekistereitä"
                )
                % labels.get(code, code),
                "12 art. 2 kohta",
                where="controller",
                field=f"id_right_{code}",
            )
    for register in content["registers"]:
        for code in register.get("right_procedures") or {}:
            names = shown.get(code)
            if names is None or (names and register["name"] not in names):
                found.add(
                    WARNING,
                    f"right_procedure_unpublished:{code}:{register['id']}",
                    _(
                        "Rekisterin %(register)s ohjetta oikeudesta ”%(right)s” ei julkaista, "
                        "koska oikeus ei koske rekisteriä"
                    )
                    % {"register": register["name"], "right": labels.get(code, code)},
                    "12 art. 2 kohta",
                    where="register",
                    field=f"id_right_{code}",
                    register=register["id"],
                )
