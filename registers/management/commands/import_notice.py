"""Import an old privacy notice (.txt, .pdf, .docx) into an organisation as draft registers.

For migrations of many notices at once: the same reader and importer as the
browser's import page. Every value that passes the model's validation is saved
in one transaction as draft registers (in no notice); values that need the
officer's choice (a purpose whose legal basis the text leaves open) are reported
and not saved. ``--dry-run`` saves nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from registers.importing.apply import apply_proposal, import_reason
from registers.importing.propose import propose
from registers.importing.read import UnreadableFile, file_name, max_upload_bytes, read_upload
from registers.importing.report import format_report, placement_report
from registers.models import Controller


class Command(BaseCommand):
    help = (
        "Tuo vanha tietosuojaseloste organisaation luonnosrekistereiksi ja tulosta "
        "sijoitusraportti."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Seloste: .txt, .pdf tai .docx")
        parser.add_argument("--organisation", required=True, help="Organisaation tunnus (slug)")
        parser.add_argument("--dry-run", action="store_true", help="Älä tallenna mitään")
        parser.add_argument("--json", action="store_true", help="Raportti JSON-muodossa")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            controller = Controller.objects.get(slug=options["organisation"])
        except Controller.DoesNotExist as error:
            raise CommandError(f"Organisaatiota {options['organisation']!r} ei ole.") from error
        try:
            # One byte over the limit is enough for the reader to refuse the size.
            with path.open("rb") as file:
                data = file.read(max_upload_bytes() + 1)
            text = read_upload(path.name, data)
            proposal = propose(text, controller, origin=file_name(path.name), origin_kind="file")
        except OSError as error:
            raise CommandError(f"Tiedostoa ei voi lukea: {error.strerror}") from error
        except UnreadableFile as error:
            raise CommandError(error.message) from error

        created: list[str] = []
        skipped: dict[str, list[str]] = {}
        if not options["dry_run"]:
            with transaction.atomic():
                result = apply_proposal(
                    proposal,
                    controller,
                    None,
                    reason=import_reason(origin_kind="file", origin=proposal.origin),
                    skip_invalid=True,
                )
            created = [register.name for register in result.registers]
            skipped = {item.key: messages for item, messages in result.skipped}
        report = placement_report(proposal, created=created, skipped=skipped)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        else:
            self.stdout.write(format_report(report, dry_run=options["dry_run"]))
