from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from privacy_notices.interchange import export_organisation
from registers.models import Controller


class Command(BaseCommand):
    help = "Write an organisation's whole data (controller, libraries, registers, notices) as JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("slug", help="The organisation's slug, e.g. smart-time-oy.")
        parser.add_argument("-o", "--output", help="File to write; standard output by default.")

    def handle(self, *args: Any, slug: str, output: str | None, **options: Any) -> None:
        controller = Controller.objects.filter(slug=slug).first()
        if controller is None:
            raise CommandError(f"No organisation with the slug {slug!r}.")
        text = json.dumps(export_organisation(controller), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        else:
            sys.stdout.write(text + "\n")
