"""The Python API against the CLI: same JSON byte for byte, same error kinds."""

from __future__ import annotations

import doctest
import json
import pickle
import subprocess
import threading
from pathlib import Path

import pytest

import vanban
from vanban import _vanban

# Every corpus file, and the same plans as PDF and DOCX (fixtures made from them).
CORPUS = sorted(
    p.relative_to(Path(__file__).resolve().parents[2]).as_posix()
    for pattern in ("corpus/*", "fixtures/pdf/corpus-*.pdf", "fixtures/docx/corpus-*.docx")
    for p in Path(__file__).resolve().parents[2].glob(pattern)
)


def cli(vanban_bin: Path, root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(vanban_bin), *args], cwd=root, capture_output=True, check=False)


def test_the_corpus_is_there() -> None:
    assert len([p for p in CORPUS if p.startswith("corpus/")]) >= 5
    assert any(p.endswith(".pdf") for p in CORPUS)
    assert any(p.endswith(".docx") for p in CORPUS)


@pytest.mark.parametrize("rel", CORPUS)
def test_extract_json_equals_the_cli_byte_for_byte(
    rel: str, vanban_bin: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = cli(vanban_bin, root, "extract", rel)
    assert out.returncode == 0, out.stderr
    monkeypatch.chdir(root)
    from_path = vanban.extract_json(rel)
    assert (from_path + "\n").encode() == out.stdout
    # bytes with the same name: the same document
    data = (root / rel).read_bytes()
    assert vanban.extract_json(data, filename=rel) == from_path
    # the dict is the JSON's
    assert vanban.extract(rel) == json.loads(out.stdout)


def test_bytes_without_a_name_read_as_standard_input(vanban_bin: Path, root: Path) -> None:
    data = (root / "corpus/kien-giang-251-kh-ubnd-2023.md").read_bytes()
    out = subprocess.run(
        [str(vanban_bin), "extract", "-"], input=data, capture_output=True, check=True
    )
    assert (vanban.extract_json(data) + "\n").encode() == out.stdout
    assert vanban.extract(bytearray(data))["source"]["path"] == "-"
    assert vanban.extract(memoryview(data), filename="kh.md")["source"]["path"] == "kh.md"


def test_path_objects_and_options(root: Path) -> None:
    p = root / "corpus/dak-lak-ke-hoach-70-kl-tw-2020.txt"
    doc = vanban.extract(p, timeout=5, ocr="never")
    assert doc["source"]["path"] == str(p)
    assert doc["metadata"]["province"] == "Đắk Lắk"
    with pytest.raises(ValueError, match="ocr must be"):
        vanban.extract(p, ocr="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout"):
        vanban.extract(p, timeout=float("nan"))


def batch_error_kinds(vanban_bin: Path, root: Path, tmp_path: Path, *inputs: str) -> dict[str, str]:
    out = cli(vanban_bin, root, "batch", "--quiet", *inputs, "-o", str(tmp_path / "out"))
    assert out.returncode == 3, out.stderr
    lines = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {e["path"]: e["kind"] for e in map(json.loads, lines) if e["kind"] != "partial"}


def test_errors_have_the_cli_kinds(
    vanban_bin: Path, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [
        "fixtures/batch/zero-byte.txt",
        "fixtures/batch/binary-garbage.txt",
        "fixtures/batch/corrupt.docx",
        "fixtures/torture/encrypted-user-password.pdf",
        "fixtures/read/garbage.bin",
    ]
    kinds = batch_error_kinds(vanban_bin, root, tmp_path, *files)
    assert set(kinds) == set(files)
    monkeypatch.chdir(root)
    for f in files:
        with pytest.raises(vanban.ReadError) as e:
            vanban.extract(f)
        assert e.value.kind == kinds[f], f
        assert e.value.path == f
        assert f in str(e.value)
    assert kinds["fixtures/torture/encrypted-user-password.pdf"] == "encrypted"
    with pytest.raises(vanban.EncryptedError):
        vanban.extract("fixtures/torture/encrypted-user-password.pdf")


def test_a_scan_without_ocr_is_no_text(root: Path) -> None:
    with pytest.raises(vanban.NoTextError) as e:
        vanban.extract(root / "fixtures/torture/scan-no-text.pdf", ocr="never")
    assert e.value.kind == "no-text"


def test_io_errors(tmp_path: Path) -> None:
    with pytest.raises(vanban.ReadError) as e:
        vanban.extract(tmp_path / "missing.pdf")
    assert e.value.kind == "io"
    assert e.value.message == "no such file"
    assert isinstance(e.value, OSError)
    with pytest.raises(vanban.InputIOError, match="is a directory"):
        vanban.extract(tmp_path)


def test_errors_pickle_with_their_class_and_kind() -> None:
    e = vanban._errors.make_error("encrypted", "PDF is encrypted", "a.pdf")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is vanban.EncryptedError
    assert (back.kind, back.message, back.path) == ("encrypted", "PDF is encrypted", "a.pdf")
    assert vanban._errors.make_error("docx", "bad zip").kind == "docx"
    assert type(vanban._errors.make_error("docx", "bad zip")) is vanban.ReadError


def test_normalize_and_refs_equal_the_cli_on_a_text_file(vanban_bin: Path, root: Path) -> None:
    rel = "corpus/dak-lak-ke-hoach-70-kl-tw-2020.txt"
    text = (root / rel).read_text(encoding="utf-8")
    out = cli(vanban_bin, root, "normalize", rel)
    assert out.returncode == 0
    assert vanban.normalize(text) == out.stdout.decode("utf-8")
    doc = json.loads(cli(vanban_bin, root, "extract", rel).stdout)
    refs = vanban.refs(text)
    assert refs == doc["references"]
    assert any(r["number"] == "70-KL/TW" and r["relation"] == "implements" for r in refs)


def test_schema_is_the_cli_schema(vanban_bin: Path, root: Path) -> None:
    out = cli(vanban_bin, root, "schema")
    assert vanban.schema() == json.loads(out.stdout)
    assert (_vanban.schema_json() + "\n").encode() == out.stdout


def test_batch_yields_every_path_with_documents_and_errors(root: Path) -> None:
    paths = [str(root / p) for p in CORPUS] + [str(root / "fixtures/batch/zero-byte.txt")]
    seen = dict(vanban.batch(paths, jobs=2))
    assert sorted(seen) == sorted(paths)
    err = seen[str(root / "fixtures/batch/zero-byte.txt")]
    assert isinstance(err, vanban.ReadError)
    assert err.kind == "empty"
    for p in paths[:-1]:
        doc = seen[p]
        assert isinstance(doc, dict), p
        assert doc["source"]["path"] == p
    # the read-ahead window refills: more paths than 4 × jobs
    many = [str(root / CORPUS[0])] * 9
    assert len(list(vanban.batch(iter(many), jobs=1))) == 9
    assert list(vanban.batch([])) == []


def test_the_gil_is_released_while_rust_works(root: Path) -> None:
    """A Python thread keeps counting while another converts a 30-page PDF."""
    data = (root / "fixtures/pdf/plan-30-pages.pdf").read_bytes()
    count = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal count
        while not stop.is_set():
            count += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        before = count
        _vanban.process_json(data, "plan.pdf", 60.0, "auto", False)
        during = count - before
    finally:
        stop.set()
        t.join()
    # with the GIL held for the whole call the counter could not move during it
    assert during > 10_000, during


def test_docstring_examples_run(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = doctest.testmod(vanban, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8
    assert result.failed == 0
