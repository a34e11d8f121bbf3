"""Exceptions of the vanban package: one base class, a subclass for the kinds people catch."""

from __future__ import annotations


class ReadError(Exception):
    """An input vanban cannot read: the CLI's bad-input failure, as an exception.

    ``kind`` is the machine-readable kind the CLI writes in ``errors.jsonl``: ``"io"``,
    ``"empty"``, ``"binary"``, ``"undecodable"``, ``"encrypted"``, ``"no-text"``,
    ``"timeout"``, ``"image"``, ``"pdf"``, ``"docx"``, ``"panic"``. ``path`` is the input's
    path (or the ``filename`` given with bytes), ``message`` the human-readable cause.

    Ví dụ::

        try:
            vanban.extract("ke-hoach-ma-hoa.pdf")
        except vanban.ReadError as e:
            print(e.kind)   # "encrypted": tệp PDF có mật khẩu
    """

    kind: str = "unknown"

    def __init__(self, message: str, *, kind: str | None = None, path: str = "") -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Picklable (process pools, Spark): rebuilt with the same class, kind and path.
        return (make_error, (self.kind, self.message, self.path))


class EncryptedError(ReadError):
    """A PDF protected by a password (kind ``"encrypted"``)."""

    kind = "encrypted"


class NoTextError(ReadError):
    """A PDF or image with no usable text, OCR off or failed (kind ``"no-text"``)."""

    kind = "no-text"


class ReadTimeoutError(ReadError, TimeoutError):
    """Reading took longer than the time budget (kind ``"timeout"``)."""

    kind = "timeout"


class InputIOError(ReadError, OSError):
    """The file could not be opened or read (kind ``"io"``)."""

    kind = "io"

    def __init__(self, message: str, *, kind: str | None = None, path: str = "") -> None:
        ReadError.__init__(self, message, kind=kind, path=path)

    def __str__(self) -> str:
        return ReadError.__str__(self)


_BY_KIND: dict[str, type[ReadError]] = {
    cls.kind: cls for cls in (EncryptedError, NoTextError, ReadTimeoutError, InputIOError)
}


def make_error(kind: str, message: str, path: str = "") -> ReadError:
    """The exception for a failure of ``kind`` (called by the native module)."""
    cls = _BY_KIND.get(kind, ReadError)
    return cls(message, kind=kind, path=path)
