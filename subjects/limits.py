"""Rate limits of the public request form, kept in the database.

The default install has no cache server, so the submissions of the last hour are
rows (SubmissionAttempt). The client's address is personal data: only a keyed hash
of it is stored, and only for a day (``purge_requests``). An IPv6 client is counted
by its /64 network, the block one household or host usually has.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from registers.models import Controller
from subjects.models import SubmissionAttempt

WINDOW = timedelta(hours=1)
KEPT = timedelta(days=1)


def client_key(address: str | None) -> str:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        network = "unknown"
    else:
        network = (
            str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
        )
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"subjects.limits:{network}".encode(), hashlib.sha256).hexdigest()


def refusal(*, controller: Controller, client: str, now: datetime) -> str | None:
    """Why one more submission is refused now, or None."""
    recent = SubmissionAttempt.objects.filter(at__gt=now - WINDOW)
    if recent.filter(client=client).count() >= settings.REQUESTS_PER_ADDRESS_PER_HOUR:
        return _(
            "Tästä verkko-osoitteesta on lähetetty viimeisen tunnin aikana liian monta "
            "pyyntöä. Yritä uudelleen tunnin kuluttua. Voit myös ottaa yhteyttä "
            "rekisterinpitäjään selosteessa kerrotuilla yhteystiedoilla."
        )
    if recent.filter(controller=controller).count() >= settings.REQUESTS_PER_ORGANISATION_PER_HOUR:
        return _(
            "Organisaatio on saanut viimeisen tunnin aikana poikkeuksellisen monta pyyntöä, "
            "joten lomake ei juuri nyt ota vastaan uusia. Yritä uudelleen tunnin kuluttua tai "
            "ota yhteyttä rekisterinpitäjään selosteessa kerrotuilla yhteystiedoilla."
        )
    return None


def note_attempt(*, controller: Controller, client: str, now: datetime) -> None:
    SubmissionAttempt.objects.create(controller=controller, client=client, at=now)


def forget_old_attempts(now: datetime) -> int:
    return SubmissionAttempt.objects.filter(at__lt=now - KEPT).delete()[0]
