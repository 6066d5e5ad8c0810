"""Exceptions whose message is fit to show a user (in Chinese)."""


class EffmonError(Exception):
    """Base class: the message is shown to the user as it is."""


class IngestError(EffmonError):
    """A file cannot be loaded at all (encoding, header, size, format)."""


class StoreError(EffmonError):
    """The store cannot be opened or upgraded."""


class SessionEnded(EffmonError):
    """A login session can no longer be used; ``reason`` says why: unknown, revoked,
    disabled or idle."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class LakeError(EffmonError):
    """A city's lake cannot be written or read: a district's export is missing, of another
    schema, exported twice, or does not match its manifest."""
