"""Delete expired unconfirmed requests and anonymise old closed ones (subjects/purge.py).

Run daily from cron (docs/deploy.md); safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from subjects.purge import purge_requests


class Command(BaseCommand):
    help = (
        "Poistaa vanhentuneet vahvistamattomat pyynnöt ja anonymisoi säilytysajan ylittäneet "
        "käsitellyt pyynnöt. Turvallinen ajaa useasti (esim. päivittäin cronista)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = purge_requests(timezone.now())
        self.stdout.write(
            f"Vahvistamattomia poistettu: {result.expired}. "
            f"Käsiteltyjä anonymisoitu: {result.anonymised}. "
            f"Vanhoja lähetysyrityksiä poistettu: {result.attempts}."
        )
