"""Issue 9, the output side: what Tifa writes never harms what it read or who opens it.

Every case is built in a temporary folder: an export aimed at an input (same path, symlink,
hard link), a write that fails half-way or is interrupted by SIGTERM / Ctrl+C, document text
that a spreadsheet would run as a formula, control characters and ESC sequences that reach
the writers and the terminal without the reader's cleaning, and command-line values out of
range. Each asserts the exit code, a message naming the files, no traceback, unchanged inputs.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import ALL_SEEDS, BEIJING_2022, CHENGDU_2022, REPO
from tifa import exit_codes
from tifa.cli import main
from tifa.engine.atomic import (
    TEMP_SUFFIX,
    OutputIsInputError,
    atomic_path,
    atomic_write_text,
    refuse_inputs,
)
from tifa.engine.compare.model import Comparison
from tifa.engine.compare.pipeline import compare
from tifa.engine.export import FORMATS, ExportFailures, build_view, export, export_many
from tifa.engine.export.tables import write_xlsx
from tifa.engine.ingest import read_document
from tifa.engine.model import Document
from tifa.engine.safe_text import UNPRINTABLE, UNWRITABLE

FILE_FORMATS = ("json", "html", "docx", "pdf", "xlsx")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(BEIJING_2022, a)
    shutil.copy(CHENGDU_2022, b)
    return a, b


# ---------------------------------------------------------------- outputs that are inputs


def _alias(kind: str, a: Path) -> Path:
    """Another name for the file ``a``."""
    if kind == "same path":
        return a
    if kind == "dot-dot path":
        return a.parent / ".." / a.parent.name / a.name
    if kind == "symlink":
        link = a.parent / "link.out"
        link.symlink_to(a.name)
        return link
    hard = a.parent / "hard.out"
    os.link(a, hard)
    return hard


@pytest.mark.parametrize("kind", ["same path", "dot-dot path", "symlink", "hard link"])
@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_an_output_that_is_an_input_is_refused_before_anything_is_read(
    capsys: pytest.CaptureFixture[str], inputs: tuple[Path, Path], fmt: str, kind: str
) -> None:
    a, b = inputs
    before = digest(a)
    target = _alias(kind, a)
    code, out, err = run_cli(capsys, "compare", a, b, f"--{fmt}", target)
    assert code == exit_codes.USAGE == 2
    assert str(target) in err and str(a) in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert out == ""  # refused before comparing
    assert digest(a) == before and not temporaries(a.parent)


def test_a_csv_file_that_is_an_input_is_refused_by_the_engine(tmp_path: Path) -> None:
    """CSV writes several files in a folder; none of them may be an input either (the GUI's
    export and the CLI both go through ``export``)."""
    folder = tmp_path / "tables"
    folder.mkdir()
    victim = folder / "documents.csv"
    shutil.copy(BEIJING_2022, victim)
    documents = [read_document(victim), read_document(CHENGDU_2022)]
    comparison = compare(documents)
    before = digest(victim)
    with pytest.raises(OutputIsInputError) as caught:
        export(comparison, folder, format="csv")
    assert str(victim) in str(caught.value)
    assert digest(victim) == before
    assert sorted(p.name for p in folder.iterdir()) == ["documents.csv"]  # nothing written


def test_the_engine_check_also_guards_exports_called_directly(
    inputs: tuple[Path, Path],
) -> None:
    a, b = inputs
    comparison = compare([read_document(a), read_document(b)])
    before = digest(b)
    for fmt in FILE_FORMATS:
        with pytest.raises(OutputIsInputError, match=r"b\.txt"):
            export(comparison, b, format=fmt)
    assert digest(b) == before
    refuse_inputs([a.parent / "other.html"], [a, b])  # another file is fine


# ---------------------------------------------------------------- atomic writes


@pytest.fixture(scope="module")
def two() -> Comparison:
    return compare([read_document(BEIJING_2022), read_document(CHENGDU_2022)])


def test_a_writer_failing_half_way_leaves_the_old_report_and_no_temporary_file(
    two: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tifa.engine.export.html as html_module

    target = tmp_path / "r.html"
    target.write_text("the old, good report", encoding="utf-8")

    def full_disk(view: object, path: Path) -> Path:
        with path.open("w", encoding="utf-8") as handle:
            handle.write("<html><body>half a rep")
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(html_module, "write_html", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export(two, target)
    assert target.read_text(encoding="utf-8") == "the old, good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_an_interrupted_csv_export_keeps_the_old_files_whole(
    two: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tifa.engine.export.tables as tables

    folder = tmp_path / "csv"
    export(two, folder, format="csv")
    old = {p.name: digest(p) for p in folder.iterdir()}
    calls = 0
    real = tables.atomic_write_text

    def interrupted(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
        nonlocal calls
        calls += 1
        if calls == 2:
            with atomic_path(path) as temporary:
                temporary.write_text(text[: len(text) // 2], encoding=encoding)
                raise KeyboardInterrupt
        return real(path, text, encoding=encoding)

    monkeypatch.setattr(tables, "atomic_write_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(two, folder, format="csv")
    assert {p.name: digest(p) for p in folder.iterdir()} == old  # all whole, none half
    assert not temporaries(tmp_path)


def test_atomic_writes_keep_permissions_and_write_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert (real.stat().st_mode & 0o777) == 0o640
    assert not temporaries(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write to read-only files")
def test_a_read_only_report_is_not_replaced(two: Comparison, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("kept", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        export(two, target)
    assert target.read_text(encoding="utf-8") == "kept" and not temporaries(tmp_path)


def test_a_failed_format_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    """The JSON goes below a regular file (cannot be written); the HTML after it still is.
    The message names the file in the way instead of saying "File exists"."""
    a, b = inputs
    blocker = tmp_path / "notes"
    blocker.write_text("a file", encoding="utf-8")
    html = tmp_path / "r.html"
    code, _, err = run_cli(capsys, "compare", a, b, "-q", "--json", blocker / "r.json",
                           "--html", html, "--xlsx", blocker / "r.xlsx")
    assert code == exit_codes.UNWRITABLE == 4
    lines = err.strip().splitlines()
    assert len(lines) == 2, err
    assert all(str(blocker) in line and "in the way" in line for line in lines)
    assert "File exists" not in err and "Traceback" not in err
    assert "疫情要防住" in html.read_text(encoding="utf-8")
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_export_many_tries_every_format_then_reports_the_failures(
    two: Comparison, tmp_path: Path
) -> None:
    folder_in_the_way = tmp_path / "r.docx"
    folder_in_the_way.mkdir()
    with pytest.raises(ExportFailures) as caught:
        export_many(two, {"docx": folder_in_the_way, "html": tmp_path / "r.html",
                          "json": tmp_path / "r.json"})
    assert set(caught.value.failures) == {"docx"}
    assert set(caught.value.written) == {"html", "json"}
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema_version"] == 1


def _wait_for(predicate: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    """Poll until ``predicate()`` holds; fail if the process ended first (no timing
    assumption: the guard only stops a hung run)."""
    deadline = time.monotonic() + 300
    while not predicate():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"tifa ended ({process.returncode}) before {what}: {err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no {what} within 300 s")
        time.sleep(0.005)


@pytest.mark.slow
@pytest.mark.parametrize(("sent", "expected", "word"), [
    (signal.SIGTERM, exit_codes.TERMINATED, "terminated"),
    (signal.SIGINT, exit_codes.INTERRUPTED, "interrupted"),
])
def test_a_signal_while_writing_leaves_the_old_reports_and_no_temporary_file(
    tmp_path: Path, sent: signal.Signals, expected: int, word: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = {}
    for name in ("r.docx", "r.pdf", "r.html"):
        (out / name).write_text(f"old {name}", encoding="utf-8")
        old[name] = digest(out / name)
    env = {**os.environ, "PYTHONPATH": str(REPO / "desktop")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tifa", "compare", *map(str, ALL_SEEDS), "-q",
         "--docx", str(out / "r.docx"), "--pdf", str(out / "r.pdf"),
         "--html", str(out / "r.html")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    # the reports are being written once a temporary file is in the folder
    _wait_for(lambda: bool(temporaries(out)), process, "a temporary report file")
    process.send_signal(sent)
    _, err = process.communicate(timeout=300)
    assert process.returncode == expected, err
    assert err.strip().splitlines() == [err.strip()] and word in err
    assert "Traceback" not in err
    assert not temporaries(out)
    # On a loaded machine the signal may land after a report was renamed into place: each
    # report is then either the old file, untouched, or a whole new one, never a part.
    for name, before in old.items():
        path = out / name
        if digest(path) != before:
            assert _complete_report(path), f"{name} replaced by an incomplete file"
    # the format being written when the signal came was left as it was
    assert any(digest(out / name) == before for name, before in old.items())


def _complete_report(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".docx":
        try:
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None and "word/document.xml" in archive.namelist()
        except zipfile.BadZipFile:
            return False
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    return data.rstrip().endswith(b"</html>")


# ---------------------------------------------------------------- formulas


HOSTILE_TITLE = '=HYPERLINK("http://x","click")'
HOSTILE_AUTHOR = "=cmd|' /C calc'!A0"
HOSTILE_SOURCE = "@SUM(1+1)"


@pytest.fixture
def formula_document(tmp_path: Path) -> Path:
    body = BEIJING_2022.read_text(encoding="utf-8").split("\n", 1)[1]
    front = (f"---\ntitle: {json.dumps(HOSTILE_TITLE)}\nauthor: {json.dumps(HOSTILE_AUTHOR)}\n"
             f"source: {json.dumps(HOSTILE_SOURCE)}\ndate: 2022-07-21\n---\n\n")
    path = tmp_path / "hostile.md"
    path.write_text(front + body + "\n会议强调，要坚持“=一核两翼”，推进“-两个维护”。\n",
                    encoding="utf-8")
    return path


def _formula_cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f"]


def test_document_text_is_never_a_formula_in_xlsx_or_csv(
    capsys: pytest.CaptureFixture[str], formula_document: Path, tmp_path: Path
) -> None:
    before = digest(formula_document)
    xlsx, folder = tmp_path / "r.xlsx", tmp_path / "csv"
    code, _, err = run_cli(capsys, "compare", formula_document, CHENGDU_2022, "-q",
                           "--xlsx", xlsx, "--csv", folder)
    assert code == 0, err
    assert _formula_cells(xlsx) == []
    values = {c.value for sheet in openpyxl.load_workbook(xlsx) for row in sheet.iter_rows()
              for c in row}
    assert {HOSTILE_TITLE, HOSTILE_AUTHOR, HOSTILE_SOURCE} <= values  # the text, as text
    cells = []
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            cells.extend(cell for row in csv.reader(handle) for cell in row)
    assert cells and not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + HOSTILE_TITLE in cells and "'" + HOSTILE_AUTHOR in cells
    assert digest(formula_document) == before


def test_a_formulation_that_starts_like_a_formula_stays_text(
    two: Comparison, tmp_path: Path
) -> None:
    """A quoted term such as “=一核两翼” becomes a formulation: its cells stay strings."""
    view = build_view(two)
    hostile = tuple(dataclasses.replace(f, phrase=p) for f, p in
                    zip(view.formulations, ("=一核两翼", "+1", "-1", "@A1"), strict=False))
    view = dataclasses.replace(view, formulations=hostile + view.formulations[4:])
    path = write_xlsx(two, view, tmp_path / "r.xlsx")
    assert _formula_cells(path) == []
    sheet = openpyxl.load_workbook(path)["Formulations"]
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == [
        "=一核两翼", "+1", "-1", "@A1"]
    assert all(sheet.cell(row=r, column=1).quotePrefix for r in range(2, 6))


# ---------------------------------------------------------------- control characters


CONTROLS = "\x1b[2J\x1b]0;owned\x07\x01\x0c\x85\x9b31m\u202e"


def _poisoned(document: Document) -> Document:
    """The document with control characters in its title, source and text, put there
    directly: the reader would have dropped them. Each replaces one character, so the
    paragraph's offset map stays right."""
    first = document.paragraphs[0]
    n = min(len(CONTROLS), len(first.text))
    text = CONTROLS[:n] + first.text[n:]
    paragraphs = (dataclasses.replace(first, text=text), *document.paragraphs[1:])
    return dataclasses.replace(document, title=CONTROLS + document.title,
                               source=f"{document.source}\x1b[0m\x00", paragraphs=paragraphs)


@pytest.fixture(scope="module")
def poisoned() -> list[Document]:
    return [_poisoned(read_document(BEIJING_2022)), _poisoned(read_document(CHENGDU_2022))]


def test_every_writer_takes_control_characters(
    poisoned: list[Document], tmp_path: Path
) -> None:
    comparison = compare(poisoned)
    targets = {fmt: tmp_path / (f"r{spec.suffix}" if spec.suffix else "csv")
               for fmt, spec in FORMATS.items()}
    export_many(comparison, targets)  # raises if any format failed

    document = docx.Document(str(targets["docx"]))
    shown = "\n".join(p.text for p in document.paragraphs)
    assert "北京" in shown and not UNWRITABLE.search(shown)
    book = openpyxl.load_workbook(targets["xlsx"])
    cells = [str(c.value) for s in book for row in s.iter_rows() for c in row if c.value]
    assert not any(UNWRITABLE.search(c) for c in cells) and _formula_cells(targets["xlsx"]) == []
    html = targets["html"].read_text(encoding="utf-8")
    assert "北京" in html and not UNWRITABLE.search(html)
    for path in targets["csv"].iterdir():
        assert not UNWRITABLE.search(path.read_text(encoding="utf-8-sig"))
    assert targets["pdf"].read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(targets["pdf"]), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "北京" in text
    with zipfile.ZipFile(targets["docx"]) as archive:  # Word opens it: well-formed XML
        assert archive.testzip() is None
    report = json.loads(targets["json"].read_text(encoding="utf-8"))
    assert report["documents"][0]["title"] == poisoned[0].title  # JSON escapes, keeps all


@pytest.fixture
def read_poisoned(
    poisoned: list[Document], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, Path]]:
    """``tifa compare``/``normalize`` reading the poisoned documents, the reader bypassed."""
    import tifa.engine.ingest as ingest

    by_name = {d.path.name: d for d in poisoned}

    def fake_read(path: Path, **_: object) -> Document:
        return by_name[Path(path).name]

    def fake_read_documents(path: Path, **_: object) -> list[Document]:
        return [by_name[Path(path).name]]

    monkeypatch.setattr(ingest, "read_document", fake_read)
    monkeypatch.setattr(ingest, "read_documents", fake_read_documents)
    yield poisoned[0].path, poisoned[1].path


def test_terminal_output_shows_control_characters_as_escapes(
    capsys: pytest.CaptureFixture[str], read_poisoned: tuple[Path, Path]
) -> None:
    a, b = read_poisoned
    code, out, err = run_cli(capsys, "compare", a, b)
    assert code == 0, err
    assert "北京" in out and not UNPRINTABLE.search(out + err)
    assert "\\u001b[2J" in out and "\\u202e" in out
    for flag in ((), ("--json",)):
        code, out, err = run_cli(capsys, "normalize", a, *flag)
        assert code == 0 and not UNPRINTABLE.search(out + err)
        if flag:  # still valid JSON, the same text
            assert json.loads(out)["documents"][0]["title"] == CONTROLS + read_document(
                BEIJING_2022).title


def test_a_file_name_with_escape_sequences_is_printed_inert(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "gone\x1b[2J\x1b]0;title\x07.txt"
    code, _, err = run_cli(capsys, "compare", BEIJING_2022, missing)
    assert code == exit_codes.UNREADABLE == 3
    assert "\x1b" not in err and "\x07" not in err and "gone\\u001b[2J" in err


# ---------------------------------------------------------------- options and exit codes


@pytest.mark.parametrize("option", [
    ("--min-shared", "99999999999999999999"), ("--min-shared", "0"), ("--min-shared", "-3"),
    ("--min-shared", "1e3"), ("--threshold", "nan"), ("--threshold", "inf"),
    ("--threshold", "0"), ("--threshold", "abc"),
])
def test_numeric_options_out_of_range_are_usage_errors(
    capsys: pytest.CaptureFixture[str], option: tuple[str, str]
) -> None:
    code, out, err = run_cli(capsys, "compare", BEIJING_2022, CHENGDU_2022, *option)
    assert code == exit_codes.USAGE
    assert option[0] in err and "Traceback" not in err and out == ""


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "1e300", "x"])
def test_normalize_max_mb_out_of_range_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = run_cli(capsys, "normalize", BEIJING_2022, "--max-mb", value)
    assert code == exit_codes.USAGE and "--max-mb" in err


def test_exit_codes_are_distinct(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    usage, _, _ = run_cli(capsys, "compare", BEIJING_2022, "--no-such-option")
    unreadable, _, _ = run_cli(capsys, "normalize", tmp_path / "missing.txt")
    fewer, _, _ = run_cli(capsys, "compare", BEIJING_2022, tmp_path / "missing.txt")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    unwritable, _, _ = run_cli(capsys, "compare", BEIJING_2022, CHENGDU_2022, "-q",
                               "--json", tmp_path / "f" / "r.json")
    assert (usage, unreadable, fewer, unwritable) == (2, 3, 3, 4)
    assert len({exit_codes.USAGE, exit_codes.UNREADABLE, exit_codes.UNWRITABLE,
                exit_codes.INTERRUPTED, exit_codes.TERMINATED, exit_codes.OK}) == 6


def test_more_files_than_the_limit_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tifa.engine.compare.pipeline import MAX_DOCUMENTS

    code, out, err = run_cli(capsys, "compare", *([BEIJING_2022] * (MAX_DOCUMENTS + 1)))
    assert code == exit_codes.USAGE
    assert f"{MAX_DOCUMENTS + 1} documents" in err and f"at most {MAX_DOCUMENTS}" in err
    assert "Traceback" not in err and out == ""


def test_a_paragraph_of_punctuation_only_is_compared(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A "——" line on its own made formulation discovery raise ValueError (zip strict): a
    traceback instead of a comparison, in the CLI and the GUI alike."""
    text = tmp_path / "dash.txt"
    text.write_text("会议强调\n\n——\n\n坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念。\n",
                    encoding="utf-8")
    code, out, err = run_cli(capsys, "compare", text, CHENGDU_2022)
    assert code == 0, err
    assert "Formulations" in out and "Traceback" not in err


# ---------------------------------------------------------------- found by attacking the merge


def test_a_pipe_or_device_named_as_a_report_is_refused_not_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Renaming a finished report over a pipe (or /dev/null, as root) would replace it with a
    plain file: a target that exists and is not a regular file is refused."""
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    other = tmp_path / "other.pipe"
    os.mkfifo(other)
    link = tmp_path / "link.html"
    link.symlink_to(other)
    code, _, err = run_cli(capsys, "compare", BEIJING_2022, CHENGDU_2022, "-q",
                           "--json", pipe, "--html", link, "--xlsx", tmp_path / "ok.xlsx")
    assert code == exit_codes.UNWRITABLE == 4
    assert "not a regular file" in err and "Traceback" not in err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and stat.S_ISFIFO(os.lstat(other).st_mode)
    assert link.is_symlink()
    assert (tmp_path / "ok.xlsx").stat().st_size > 0  # the other format is still written
    assert not temporaries(tmp_path)


def test_two_formats_to_one_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "report"
    code, _, err = run_cli(capsys, "compare", BEIJING_2022, CHENGDU_2022, "-q",
                           "--json", out, "--html", out)
    assert code == exit_codes.USAGE and "--json and --html name the same file" in err
    assert not out.exists()


def test_files_holding_more_documents_than_the_limit_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A transcript's day splits into its items: two files can hold more documents than one
    comparison takes. A usage message, exit 2, no traceback."""
    from tifa.engine.compare.pipeline import MAX_DOCUMENTS
    from tifa.engine.ingest import read_documents

    day = REPO / "tests" / "real" / "40_xwlb_frederickpi_20220728.md"  # a real day's items
    per_file = len(read_documents(day))
    assert per_file > 1
    copies = []
    for n in range(MAX_DOCUMENTS // per_file + 1):
        copy = tmp_path / f"day{n}.md"
        copy.write_bytes(day.read_bytes())
        copies.append(copy)
    assert len(copies) <= MAX_DOCUMENTS < len(copies) * per_file
    code, _, err = run_cli(capsys, "compare", *copies, "-q")
    assert code == exit_codes.USAGE
    assert f"at most {MAX_DOCUMENTS}" in err and "--whole-files" in err
    assert "Traceback" not in err


def test_a_line_break_in_a_file_name_is_shown_not_acted_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad\nname\x1b[2J.txt"
    bad.write_bytes(b"")
    code, _, err = run_cli(capsys, "compare", BEIJING_2022, bad)
    assert code == exit_codes.UNREADABLE
    lines = err.strip().splitlines()  # the name's line break is shown as \n
    assert "bad\\nname\\u001b[2J.txt" in lines[0]
    assert not any(line.startswith("name") for line in lines)


def test_the_json_report_escapes_what_a_viewer_could_act_on(
    poisoned: list[Document], tmp_path: Path
) -> None:
    """C1 controls and bidi overrides are written as \\uXXXX escapes (the same characters to
    a JSON reader), never raw: ``less`` or a terminal showing the file is not reordered."""
    comparison = compare(poisoned)
    target = tmp_path / "r.json"
    export(comparison, target)
    raw = target.read_text(encoding="utf-8")
    assert "\u202e" not in raw and "\\u202e" in raw
    report = json.loads(raw)
    assert report["documents"][0]["title"] == poisoned[0].title  # the same text, decoded


def test_dev_stdout_on_a_pipe_is_refused_as_a_pipe(tmp_path: Path) -> None:
    """`--json /dev/stdout` with stdout a pipe: the link resolves to "/proc/N/fd/pipe:[…]",
    a name that does not exist, so the target passed for a new file and the command said
    "No such file or directory (/proc/N/fd/.pipe:[…].xxxx.tifa-tmp)". It is the pipe it is."""
    done = subprocess.run(
        [sys.executable, "-m", "tifa", "compare", str(BEIJING_2022), str(CHENGDU_2022), "-q",
         "--json", "/dev/stdout"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == exit_codes.UNWRITABLE, done.stderr
    assert "not a regular file (a pipe or a device)" in done.stderr
    assert "tifa-tmp" not in done.stderr and done.stdout == ""
