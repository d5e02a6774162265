"""Hostile and broken input (issue 9, reading side): every case is built in a temporary
folder; each must give a Document (with a warning saying what was set aside) or an
InputError naming the file — never a traceback — and leave the input as it was."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import opencc
import pytest

from conftest import BEIJING_2017, CHENGDU_2022, QIUSHI_2020, REPO
from tifa import exit_codes
from tifa.engine.compare.lexicon import read_lexicon_file
from tifa.engine.errors import InputError
from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.ingest.htmldepth import MAX_DEPTH, limit_nesting
from tifa.engine.model import Document

_ALIAS_BOMB = "\n".join([
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi",
                                                                    strict=True)),
    "title: *i",
])
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_unchanged(path: Path) -> Document:
    before = _sha(path)
    try:
        return read_document(path)
    finally:
        assert _sha(path) == before


def _codes(doc: Document) -> set[str]:
    return {w.code for w in doc.warnings}


def _clean(doc: Document) -> bool:
    """No control or bidi override character anywhere a writer or terminal will see."""
    shown = [doc.title, doc.source or "", doc.author or "", *(v for kv in doc.extra for v in kv)]
    shown += [p.text for p in doc.paragraphs] + [p.normalized for p in doc.paragraphs]
    return not any(_CONTROL_RE.search(s) for s in shown)


# --- YAML alias bombs -------------------------------------------------------------------


def test_alias_bomb_front_matter_is_a_warning_and_the_text_is_read(tmp_path: Path) -> None:
    body = QIUSHI_2020.read_text(encoding="utf-8")
    path = tmp_path / "bomb.md"
    path.write_text(f"---\n{_ALIAS_BOMB}\n---\n{body}", encoding="utf-8")
    assert len(_ALIAS_BOMB) < 800
    doc = _read_unchanged(path)
    assert "front-matter-refused" in _codes(doc)
    warning = next(w for w in doc.warnings if w.code == "front-matter-refused")
    assert "alias" in warning.message
    assert "lol" not in doc.title and not any("lol" in v for _, v in doc.extra)
    expected = read_document(QIUSHI_2020)
    assert [p.normalized for p in doc.paragraphs][-5:] == \
        [p.normalized for p in expected.paragraphs][-5:]


def test_front_matter_without_aliases_still_gives_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    body = CHENGDU_2022.read_text(encoding="utf-8")
    path.write_text(f"---\ntitle: 一份报告\nanchor: &x 1\ndate: 2022-01-06\n---\n{body}",
                    encoding="utf-8")
    doc = _read_unchanged(path)
    assert doc.title == "一份报告" and doc.date is not None and doc.date.year == 2022
    assert "front-matter-refused" not in _codes(doc)


def test_oversized_or_too_deep_front_matter_is_a_warning(tmp_path: Path) -> None:
    body = CHENGDU_2022.read_text(encoding="utf-8")
    for name, front in (("long.md", "title: x\nnote: " + "很" * 70_000),
                        ("deep.md", "title: " + "[" * 5000 + "]" * 5000)):
        path = tmp_path / name
        path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
        doc = _read_unchanged(path)
        assert "front-matter-refused" in _codes(doc), name
        assert doc.paragraphs


def test_alias_bomb_lexicon_is_an_input_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(_ALIAS_BOMB.replace("title: *i", "formulations: *i"), encoding="utf-8")
    before = _sha(path)
    with pytest.raises(InputError) as caught:
        read_lexicon_file(path)
    assert caught.value.path == path and "alias" in caught.value.reason
    assert str(path) in str(caught.value)
    assert _sha(path) == before


def test_a_lexicon_yaml_without_aliases_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("- phrase: 一核两翼\n  aliases: [一核、两翼]\n- phrase: 两个确立\n",
                    encoding="utf-8")
    assert {e.phrase for e in read_lexicon_file(path)} == {"一核两翼", "两个确立"}


# --- .docx zip bombs --------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _bomb_docx(path: Path, megabytes: int) -> Path:
    """A .docx whose document.xml is ``megabytes`` of highly compressible XML (the file on
    disk stays about 1/1000 of that)."""
    head = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    chunk = ("<w:p><w:r><w:t>" + "一" * 300 + "</w:t></w:r></w:p>").encode() * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            for _ in range(megabytes * 1024 * 1024 // len(chunk)):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


@pytest.mark.parametrize("megabytes", [3, 80])
def test_zip_bomb_docx_is_refused_from_its_directory(tmp_path: Path, megabytes: int) -> None:
    """3 MB compressed 1000:1 (the ratio check), 80 MB (over the size of any one part)."""
    path = _bomb_docx(tmp_path / "bomb.docx", megabytes)
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError) as caught:
        _read_unchanged(path)
    assert caught.value.path == path
    assert "expands to" in caught.value.reason and "MB" in caught.value.reason


def test_a_real_docx_passes_the_size_checks(tmp_path: Path) -> None:
    import docx

    original = read_document(BEIJING_2017)
    document = docx.Document()
    for p in original.paragraphs:
        document.add_paragraph(p.text)
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = _read_unchanged(path)
    assert [p.normalized for p in doc.paragraphs][-3:] == \
        [p.normalized for p in original.paragraphs][-3:]


# --- control characters and bidi overrides -----------------------------------------------


def test_control_characters_are_dropped_with_a_warning(tmp_path: Path) -> None:
    body = CHENGDU_2022.read_text(encoding="utf-8").split("\n", 1)[1]
    path = tmp_path / "controls.txt"
    path.write_text("工作会议\x01纪要\x1b[31m摘编\x7f\n\n" + body.replace("。", "。\x07", 3)
                    + "\n尾声\x85段落\x9b，到此为止。", encoding="utf-8")
    doc = _read_unchanged(path)
    assert doc.title == "工作会议纪要[31m摘编"
    assert "control-characters" in _codes(doc)
    assert _clean(doc)
    assert doc.paragraphs[-1].text == "尾声 段落，到此为止。"


def test_control_characters_in_front_matter_and_explicit_titles(tmp_path: Path) -> None:
    path = tmp_path / "controls.md"
    path.write_text("---\ntitle: \"报告\\x1b[2J\\u0007标题\"\nauthor: \"记者\\e甲\"\n---\n"
                    + QIUSHI_2020.read_text(encoding="utf-8"), encoding="utf-8")
    doc = _read_unchanged(path)
    assert doc.title == "报告[2J标题" and doc.author == "记者甲"
    assert _clean(doc) and "control-characters" in _codes(doc)
    given = document_from_string("正文第一段，内容。\n第二段，内容。", title="题\x1b目\u202e")
    assert given.title == "题目" and _clean(given)


def test_bidi_overrides_are_dropped_from_display_and_normalised_text(tmp_path: Path) -> None:
    body = BEIJING_2017.read_text(encoding="utf-8")
    path = tmp_path / "bidi.txt"
    path.write_text("\u202e标题\u202c倒序\n" + body.replace("蔡奇", "蔡\u2066奇", 2),
                    encoding="utf-8")
    doc = _read_unchanged(path)
    assert doc.title == "标题倒序"
    assert "bidi-controls" in _codes(doc)
    warning = next(w for w in doc.warnings if w.code == "bidi-controls")
    assert warning.message.startswith("4 ")
    assert _clean(doc)


def test_clean_text_has_no_control_warnings() -> None:
    doc = read_document(CHENGDU_2022)
    assert not _codes(doc) & {"control-characters", "bidi-controls", "front-matter-refused",
                              "deep-nesting"}


# --- HTML nested beyond reason -----------------------------------------------------------


def test_deeply_nested_html_is_flattened_and_its_text_kept(tmp_path: Path) -> None:
    text = read_document(CHENGDU_2022).paragraphs[2].text
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + f"<p>{text}</p>" + "</div>" * 4000
                    + "<p>结尾一段，在外面。</p>" + "</div>" * 1000 + "</body></html>",
                    encoding="utf-8")
    doc = _read_unchanged(path)
    assert [p.text for p in doc.paragraphs][-2:] == [text, "结尾一段，在外面。"]
    assert "deep-nesting" in _codes(doc)


def test_unclosed_blocks_keep_one_paragraph_each(tmp_path: Path) -> None:
    lines = [p.text for p in read_document(CHENGDU_2022).paragraphs]
    path = tmp_path / "unclosed.html"
    path.write_text("<html><body>" + "".join(f"<div><p>{t}" for t in lines * 40),
                    encoding="utf-8")
    doc = _read_unchanged(path)
    assert len(lines) * 40 > MAX_DEPTH
    assert [p.text for p in doc.paragraphs][-len(lines):] == lines


def test_nesting_limit_counts_open_elements_and_leaves_text() -> None:
    html = "<div>" * 10_000 + "正文" + "</div>" * 10_000
    flattened, removed = limit_nesting(html)
    assert removed == 2 * (10_000 - MAX_DEPTH)
    assert flattened.count("<div>") == MAX_DEPTH and "正文" in flattened
    page = (REPO / "seeds" / "001_765f369fb89ae45f.txt").read_text(encoding="utf-8")
    assert limit_nesting(page) == (page, 0)


# --- damaged GB18030 and Big5 --------------------------------------------------------------


def _damaged(data: bytes, count: int, seed: int) -> bytes:
    rnd = random.Random(seed)
    damaged = bytearray(data)
    for i in rnd.sample([i for i, b in enumerate(data) if b >= 0x81], count):
        damaged[i] = 0xFF
    return bytes(damaged)


@pytest.mark.parametrize(("seed_file", "size", "bad"), [
    (CHENGDU_2022, 5_000, 3), (QIUSHI_2020, 5_000, 3), (QIUSHI_2020, 50_000, 5),
    (BEIJING_2017, 5_000, 3),
])
def test_damaged_gb18030_is_read_and_the_damage_marked(
    tmp_path: Path, seed_file: Path, size: int, bad: int
) -> None:
    data = seed_file.read_text(encoding="utf-8").encode("gb18030")[:size]
    data = data[: data.rfind(b"\n") + 1]
    path = tmp_path / "damaged.txt"
    path.write_bytes(_damaged(data, bad, seed=size + bad))
    doc = _read_unchanged(path)
    assert doc.encoding == "gb18030"
    warning = next(w for w in doc.warnings if w.code == "corrupted-characters")
    marked = [(p, i) for p, i in warning.positions if doc.paragraphs[p].text[i] == "\ufffd"]
    assert len(marked) == doc.text.count("\ufffd")  # every damaged place is marked
    assert bad <= len(marked) <= 2 * bad
    clean = document_from_string(data.decode("gb18030"))
    from rapidfuzz import fuzz

    assert fuzz.ratio(doc.normalized, clean.normalized) > 97


@pytest.mark.parametrize("seed_file", [CHENGDU_2022, BEIJING_2017])
def test_damaged_big5_is_still_big5(tmp_path: Path, seed_file: Path) -> None:
    text = opencc.OpenCC("s2tw").convert(seed_file.read_text(encoding="utf-8"))
    data = text.encode("big5", errors="replace")[:5000]
    data = data[: data.rfind(b"\n") + 1]
    path = tmp_path / "big5.txt"
    path.write_bytes(_damaged(data, 3, seed=7))
    doc = _read_unchanged(path)
    assert doc.encoding == "big5"
    assert "corrupted-characters" in _codes(doc)


# --- the command line: no traceback, the file named, the others read ----------------------


def test_normalize_command_on_hostile_files(tmp_path: Path) -> None:
    bomb = _bomb_docx(tmp_path / "bomb.docx", 3)
    alias = tmp_path / "alias.md"
    alias.write_text(f"---\n{_ALIAS_BOMB}\n---\n" + CHENGDU_2022.read_text(encoding="utf-8"),
                     encoding="utf-8")
    controls = tmp_path / "controls.txt"
    controls.write_text("标题\x1b]0;pwned\x07\n" + BEIJING_2017.read_text(encoding="utf-8"),
                        encoding="utf-8")
    files = [bomb, alias, controls]
    before = {f: _sha(f) for f in files}
    env = dict(os.environ, PYTHONPATH=str(REPO / "desktop"))
    run = subprocess.run([sys.executable, "-m", "tifa", "normalize", *map(str, files)],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode == exit_codes.UNREADABLE  # 3: an input could not be read
    assert "Traceback" not in run.stderr + run.stdout
    assert str(bomb) in run.stderr and "expands to" in run.stderr
    assert "front-matter-refused" in run.stdout and "control-characters" in run.stdout
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert {f: _sha(f) for f in files} == before


def test_a_python_tag_in_front_matter_is_refused_with_a_warning(tmp_path: Path) -> None:
    """``!!python/object/apply:os.system`` is never built (a safe loader), and the front
    matter is set aside with a warning rather than read as text lines (its raw tag line used
    to become the title)."""
    path = tmp_path / "tag.md"
    path.write_text('---\ntitle: !!python/object/apply:os.system ["echo pwned"]\n---\n\n'
                    "会议强调，要坚持稳中求进工作总基调。\n", encoding="utf-8")
    doc = _read_unchanged(path)
    assert "front-matter-refused" in _codes(doc)
    assert "python" not in (doc.title or "") and "os.system" not in doc.title


def test_hard_wrapped_lines_join_as_before() -> None:
    """Joining is linear now (one pass over the lines); the text it makes is the old one's:
    nothing between CJK characters, a space between Latin words."""
    from tifa.engine.ingest.paragraphs import join_lines

    assert join_lines(["会议强调", "要坚持"]) == "会议强调要坚持"
    assert join_lines(["GDP grew", "5.5 percent"]) == "GDP grew 5.5 percent"
    assert join_lines(["abc", "", "def"]) == "abc def"
    assert join_lines(["会议指出，", "要坚持"]) == "会议指出，要坚持"


def test_a_zip_of_an_unknown_version_is_a_named_error(tmp_path: Path) -> None:
    """zipfile raises NotImplementedError for a member "needing" zip version 8.4 (found by
    fuzzing on a fresh clone): an InputError naming the file, like any damaged .docx."""
    import struct
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    data[central + 6:central + 8] = struct.pack("<H", 84)  # version needed to extract: 8.4
    path = tmp_path / "future.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        _read_unchanged(path)
    assert caught.value.path == path
