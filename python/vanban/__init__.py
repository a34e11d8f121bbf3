"""vanban: Vietnamese government plans and reports to structured JSON.

Chuyển kế hoạch, báo cáo của cơ quan nhà nước Việt Nam (PDF, bản quét, văn bản, HTML, DOCX)
thành JSON có cấu trúc — the same Rust pipeline as the ``vanban`` command-line tool, so
``extract_json(path)`` is byte for byte what ``vanban extract path`` prints.

Ví dụ::

    >>> import vanban
    >>> doc = vanban.extract(b"KE HOACH\\nThuc hien Nghi quyet so 20-NQ/TW.\\n", filename="kh.txt")
    >>> doc["references"][0]["number"]
    '20-NQ/TW'
    >>> vanban.normalize("Thực hiện Nghị quyết số 20-NQ/TW")
    'Thực hiện Nghị quyết số 20-NQ/TW\\n'

The Rust work runs with the GIL released: converting files from several Python threads
(``batch``, or your own ``ThreadPoolExecutor``) uses several cores.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Literal, Union

from . import _vanban
from ._errors import (
    EncryptedError,
    InputIOError,
    NoTextError,
    ReadError,
    ReadTimeoutError,
    make_error,
)

__version__: str = _vanban.__version__

__all__ = [
    "EncryptedError",
    "InputIOError",
    "NoTextError",
    "ReadError",
    "ReadTimeoutError",
    "__version__",
    "batch",
    "extract",
    "extract_json",
    "normalize",
    "refs",
    "schema",
]

#: A path (``str`` or ``os.PathLike``) or the document's bytes.
PathOrBytes = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]
#: When scanned pages are read by OCR (Tesseract, Vietnamese model), as ``vanban --ocr``.
OcrMode = Literal["auto", "always", "never"]

_STDIN_NAME = "-"


def _io_message(e: OSError) -> str:
    # The CLI's wording (vanban-cli input.rs), so error messages read the same.
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory (use `vanban batch` for folders)"
    return e.strerror or str(e)


def _read(path_or_bytes: PathOrBytes, filename: str | None) -> tuple[bytes, str]:
    """The bytes to convert and the name reported in ``source.path``."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(path_or_bytes), filename if filename is not None else _STDIN_NAME
    path = os.fspath(path_or_bytes)
    if not isinstance(path, str):
        raise TypeError(f"expected a str path, bytes or os.PathLike[str], got {path!r}")
    name = filename if filename is not None else path
    if os.path.isdir(path):
        raise make_error("io", "is a directory (use `vanban batch` for folders)", name)
    try:
        with open(path, "rb") as f:
            return f.read(), name
    except OSError as e:
        raise make_error("io", _io_message(e), name) from e


def extract_json(
    path_or_bytes: PathOrBytes,
    *,
    filename: str | None = None,
    timeout: float = 60,
    ocr: OcrMode = "auto",
) -> str:
    """The contract JSON of one document, as text: what ``vanban extract`` prints.

    Same serializer and settings as the CLI (pretty, two-space indent, keys in contract
    order), without the CLI's final newline. Arguments as :func:`extract`.

    Ví dụ::

        >>> import vanban
        >>> text = "ỦY BAN NHÂN DÂN\\nTỈNH KIÊN GIANG\\nSố: 251/KH-UBND\\n"
        >>> vanban.extract_json(text.encode(), filename="kh.txt").splitlines()[0]
        '{'
    """
    data, name = _read(path_or_bytes, filename)
    return _vanban.process_json(data, name, float(timeout), ocr, True)


def extract(
    path_or_bytes: PathOrBytes,
    *,
    filename: str | None = None,
    timeout: float = 60,
    ocr: OcrMode = "auto",
) -> dict[str, Any]:
    """Convert one document to the contract (a ``dict``, as ``json.loads`` of the JSON).

    ``path_or_bytes``: a file path, or the document's bytes (PDF, DOCX, HTML, text, image).
    ``filename``: the name reported in ``source.path`` (default: the path; ``"-"`` for
    bytes, as the CLI reading standard input); its extension is a format hint.
    ``timeout``: time budget in seconds for reading (``vanban --timeout``); OCR adds 30 s
    per scanned page. ``ocr``: ``"auto"`` (scanned pages and images), ``"always"``,
    ``"never"`` (a scan is then a :class:`NoTextError`).

    Raises :class:`ReadError` (``.kind`` as the CLI's error kinds: ``"encrypted"``,
    ``"no-text"``, ``"timeout"``, ``"io"``, …).

    Ví dụ::

        >>> import vanban
        >>> doc = vanban.extract(
        ...     "Căn cứ Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương.\\n"
        ...     .encode(), filename="ke-hoach.txt")
        >>> [(r["number"], r["relation"]) for r in doc["references"]]
        [('20-NQ/TW', 'basis')]
    """
    data, name = _read(path_or_bytes, filename)
    text = _vanban.process_json(data, name, float(timeout), ocr, False)
    result: dict[str, Any] = json.loads(text)
    return result


def normalize(text: str) -> str:
    """Normalize Vietnamese text as ``vanban normalize`` does for a ``.txt`` file.

    NFC, one tone-mark placement, legacy spellings and line wraps repaired.

    Ví dụ::

        >>> import vanban
        >>> vanban.normalize("Ke hoach  thực hiện\\nNghị quyết số 20-NQ/TW")
        'Ke hoach thực hiện Nghị quyết số 20-NQ/TW\\n'
    """
    return _vanban.normalize_text(text, 60.0, "auto")


def refs(text: str) -> list[dict[str, Any]]:
    """The documents that ``text`` refers to: the contract's ``references`` of that text.

    Each reference: ``number``, ``kind``, ``date``, ``issuer``, ``title``, ``name``,
    ``relation`` (``"implements"``, ``"basis"`` or ``"cites"``) and ``mentions`` (offsets
    into the normalized text).

    Ví dụ::

        >>> import vanban
        >>> r = vanban.refs("Thực hiện Kết luận số 70-KL/TW ngày 31/01/2020 của Bộ Chính trị.")
        >>> r[0]["number"], r[0]["kind"], r[0]["relation"]
        ('70-KL/TW', 'Kết luận', 'implements')
    """
    result: list[dict[str, Any]] = json.loads(_vanban.refs_json(text, 60.0, "auto"))
    return result


def schema() -> dict[str, Any]:
    """The JSON Schema of the contract (what ``vanban schema`` prints), as a ``dict``.

    Ví dụ::

        >>> import vanban
        >>> "metadata" in vanban.schema()["properties"]
        True
    """
    result: dict[str, Any] = json.loads(_vanban.schema_json())
    return result


def _convert(path: str, timeout: float, ocr: OcrMode) -> dict[str, Any] | ReadError:
    try:
        return extract(path, timeout=timeout, ocr=ocr)
    except ReadError as e:
        return e


def batch(
    paths: Iterable[str | os.PathLike[str]],
    jobs: int | None = None,
    *,
    timeout: float = 60,
    ocr: OcrMode = "auto",
) -> Iterator[tuple[str, dict[str, Any] | ReadError]]:
    """Convert many files on ``jobs`` threads, yielding ``(path, document_or_error)`` as
    each finishes (completion order, not input order).

    ``document_or_error`` is the contract ``dict``, or the :class:`ReadError` the file
    gave (returned, not raised: one bad file does not stop the batch). ``jobs`` defaults
    to the number of cores. At most ``4 × jobs`` files are read ahead, so a long list of
    paths does not fill memory.

    Ví dụ::

        >>> import vanban
        >>> for path, doc in vanban.batch(["corpus/kien-giang-251-kh-ubnd-2023.md"], jobs=2):
        ...     if isinstance(doc, vanban.ReadError):
        ...         print(path, "lỗi:", doc.kind)
        ...     else:
        ...         print(path, doc["metadata"]["doc_number"])
        corpus/kien-giang-251-kh-ubnd-2023.md 251/KH-UBND
    """
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    pending: dict[Future[dict[str, Any] | ReadError], str] = {}
    todo = iter(paths)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vanban") as pool:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 4 * workers:
                try:
                    p = os.fspath(next(todo))
                except StopIteration:
                    exhausted = True
                    break
                pending[pool.submit(_convert, p, timeout, ocr)] = p
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield pending.pop(fut), fut.result()
