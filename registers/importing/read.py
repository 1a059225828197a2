"""Placeholder until the reader lands."""


class UnreadableFile(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
