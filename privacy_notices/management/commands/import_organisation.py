from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from privacy_notices.interchange import ImportRefused, import_organisation, read_document


class Command(BaseCommand):
    help = (
        "Create an organisation from a document written by export_organisation. "
        "Nothing is saved unless the whole document is valid."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="The JSON file, or - for standard input.")
        parser.add_argument("--slug", help="Import under this slug instead of the document's.")

    def handle(self, *args: Any, path: str, slug: str | None, **options: Any) -> None:
        try:
            if path == "-":
                document = read_document(sys.stdin.buffer)
            else:
                with open(path, "rb") as file:
                    document = read_document(file)
            controller = import_organisation(document, slug=slug)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except ImportRefused as refused:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {line}" for line in refused.errors)
            ) from refused
        self.stdout.write(self.style.SUCCESS(f"Imported {controller.name} as {controller.slug}"))
