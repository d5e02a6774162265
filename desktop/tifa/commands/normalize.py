"""`tifa normalize FILE... [--json] [--normalized] [--offsets] [--max-mb N]`: what Tifa made of
each file — metadata, warnings, the cleaned paragraphs — for checking a file before comparing.

Files that cannot be read are reported on stderr (file and reason); the others are still
printed, and the exit status is 3 (``tifa.exit_codes.UNREADABLE``); a bad option value is a
usage error, 2. Control characters in a document are shown as ``\\uXXXX`` (``tifa.cli``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from tifa import exit_codes
from tifa.engine.errors import InputError
from tifa.engine.model import Document, ParagraphKind
from tifa.engine.safe_text import shown_name
from tifa.engine.wording import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help=".txt, .md, .html, .docx or .pdf files")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object with a list of documents")
    parser.add_argument("--normalized", action="store_true",
                        help="also print each paragraph's normalised form (what is compared)")
    parser.add_argument("--offsets", action="store_true",
                        help="with --json: include the offset map of every paragraph")
    parser.add_argument("--max-mb", type=_megabytes, default=20.0, metavar="N",
                        help=f"refuse files larger than N megabytes, at most {MAX_MB} "
                        "(default 20)")
    parser.add_argument("--whole-files", action="store_true",
                        help="read a file of many items (a transcript's day) as one document")


MAX_MB = 1024.0


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and 0 < value <= MAX_MB):
        raise argparse.ArgumentTypeError(f"{text} is not in (0, {MAX_MB:g}]")
    return value


def run(args: argparse.Namespace) -> int:
    from tifa.engine.ingest import read_documents

    max_bytes = int(args.max_mb * 1024 * 1024)
    documents: list[Document] = []
    failed = False
    for path in args.files:
        skipped: list[InputError] = []  # items of a many-item file refused alone
        try:
            found = read_documents(path, max_bytes=max_bytes,
                                   whole_files=getattr(args, "whole_files", False),
                                   skipped=skipped)
        except InputError as error:
            found = []
            skipped.insert(0, error)
        for error in skipped:
            print(f"tifa: {error}", file=sys.stderr)
            failed = True
        documents.extend(found)
        if not args.json:
            for document in found:
                print(render_text(document, normalized=args.normalized))
    if args.json:
        payload = {"documents": [to_json(d, offsets=args.offsets) for d in documents]}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return exit_codes.UNREADABLE if failed else exit_codes.OK


def render_text(document: Document, *, normalized: bool = False) -> str:
    lines = [
        f"== {shown_name(document.path)}",
        f"title:    {document.title}",
        f"date:     {document.date.isoformat() if document.date else '(unknown)'}",
        f"source:   {document.source or '(unknown)'}",
        f"author:   {document.author or '(unknown)'}",
        f"format:   {document.format}, {document.encoding}, {document.script.value}",
        f"size:     {counted(len(document.paragraphs), 'paragraph')}, "
        f"{counted(document.size, 'character')}",
    ]
    lines.extend(f"{key + ':':<10}{value}" for key, value in document.extra)
    lines.extend(f"warning:  [{w.code}] {w.message}" for w in document.warnings)
    lines.append("")
    for p in document.paragraphs:
        mark = "#" if p.kind is ParagraphKind.HEADING else " "
        lines.append(f"[{p.index}]{mark} {p.text}")
        if normalized and p.normalized != p.text:
            lines.append(f"  ≡ {p.normalized}")
    return "\n".join(lines) + "\n"


def to_json(document: Document, *, offsets: bool = False) -> dict[str, Any]:
    paragraphs = []
    for p in document.paragraphs:
        item: dict[str, Any] = {
            "index": p.index, "kind": p.kind.value, "text": p.text, "normalized": p.normalized,
        }
        if offsets:
            item["starts"] = list(p.starts)
            item["ends"] = list(p.ends)
        paragraphs.append(item)
    return {
        "path": str(document.path),
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "source": document.source,
        "author": document.author,
        "format": document.format,
        "encoding": document.encoding,
        "script": document.script.value,
        "extra": dict(document.extra),
        "warnings": [
            {"code": w.code, "message": w.message, "positions": [list(x) for x in w.positions]}
            for w in document.warnings
        ],
        "paragraphs": paragraphs,
    }
