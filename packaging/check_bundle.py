"""Check a built one-folder bundle the way a user without Python meets it.

    python packaging/check_bundle.py [dist/tifa] [--only PART ...] [--keep]

The bundle is first copied to a fresh temporary folder (as if unpacked somewhere else); every
program then runs from a temporary working folder outside the source tree, with a scrubbed
environment: PATH without any virtualenv, no PYTHON* variables, HOME/XDG/TMPDIR inside the
temporary folder, the offscreen Qt platform. Each part reports PASS or FAIL with the reason;
the exit status is 1 when any part failed.

Parts: layout (data the app reads is in the folder, unused data is not), version, imports
(every tifa module imports inside the bundle: no excluded dependency is missing), formats
(`tifa normalize` reads a .md, .html, GB18030 .txt, .docx and .pdf it writes), compare
(the bundled `tifa compare` on two bundled sample reports, with both tokenizers), export
(HTML, DOCX, PDF with an embedded font, XLSX and CSV reports hold the shared formulation), corpus
(`tifa corpus add` of the sample reports, then `echoes --all`), gui
(`tifa gui FILES --screenshot` offscreen: a real, non-blank PNG), gui-x11 (the same on Xvfb
through the bundled xcb plugin, when xvfb-run exists), untouched (the runs wrote
nothing into the bundle), desktop (install-desktop.sh registers a valid desktop entry).
Only the standard library is used, so any Python 3.11 runs it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("_internal/tifa/_data")
# The user's own example pair (seeds/README.md): Beijing 2022-07-21 against Chengdu 2022-07-27.
PAIR = ("000_9199964eb3750e0c.txt", "003_3eec6e6b6785901d.txt")
# What a working comparison of that pair prints (read in the seeds and seeds/README.md): both
# files, and the central line both meetings repeat, word for word, as a shared formulation.
EXPECTED_OUTPUT = (*PAIR, "疫情要防住、经济要稳住、发展要安全", "动态清零")
TIMEOUT = 300


class CheckFailed(Exception):
    """One part of the check did not hold; the message says what was expected."""


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        tail = (self.stderr or self.stdout).strip().splitlines()[-12:]
        return f"`{' '.join(self.args)}` exited {self.returncode}:\n    " + "\n    ".join(tail)


class Sandbox:
    """A relocated copy of the bundle, a scratch home and a working folder, all temporary."""

    def __init__(self, bundle: Path, scratch: Path) -> None:
        self.scratch = scratch
        self.bundle = scratch / "unpacked" / "tifa"
        shutil.copytree(bundle, self.bundle, symlinks=True)
        self.home = scratch / "home"
        self.work = scratch / "work"
        for folder in (self.home, self.work, scratch / "tmp"):
            folder.mkdir(parents=True)
        self.program = self.bundle / ("tifa.exe" if os.name == "nt" else "tifa")
        self.snapshot_before = snapshot(self.bundle)

    def env(self, **extra: str) -> dict[str, str]:
        path = [
            p
            for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
            if p and not _is_python_env(Path(p))
        ]
        env = {
            "PATH": os.pathsep.join(path),
            "HOME": str(self.home),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_RUNTIME_DIR": str(self.scratch / "tmp"),
            "TMPDIR": str(self.scratch / "tmp"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        for keep in ("SYSTEMROOT", "WINDIR", "USERPROFILE", "LOCALAPPDATA", "APPDATA"):
            if keep in os.environ:  # Windows cannot start processes without some of these
                env[keep] = os.environ[keep]
        env.update(extra)
        return env

    def run(self, *args: str, **env: str) -> Run:
        started = time.monotonic()
        done = subprocess.run(
            [str(self.program), *args],
            cwd=self.work,
            env=self.env(**env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
        return Run(args, done.returncode, done.stdout, done.stderr, time.monotonic() - started)

    def seed(self, name: str) -> Path:
        return self.bundle / DATA / "seeds" / name


def _is_python_env(path: Path) -> bool:
    return (path / "activate").exists() or (path.parent / "pyvenv.cfg").exists()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder with its size and content hash."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            result[str(path.relative_to(folder))] = f"{path.stat().st_size}:{digest}"
    return result


# --- PNG without Pillow -------------------------------------------------------------------------


@dataclass(frozen=True)
class Png:
    width: int
    height: int
    distinct_bytes: int


def read_png(path: Path) -> Png:
    """Size and a crude "is anything drawn" measure: distinct byte values of the pixel data."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise CheckFailed(f"{path.name} is not a PNG file ({len(data)} bytes)")
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    pixels = zlib.decompress(idat)
    return Png(width, height, len(set(pixels)))


# --- the parts ----------------------------------------------------------------------------------


def check_layout(box: Sandbox) -> str:
    if not box.program.is_file():
        raise CheckFailed(f"no program {box.program.name} in the bundle")
    internal = box.bundle / "_internal"
    missing = [
        f"resources/{d.name}"
        for d in sorted((ROOT / "resources").iterdir())
        if d.is_dir()
        and any(f.is_file() for f in d.rglob("*"))  # PyInstaller copies files, not empty folders
        and not (box.bundle / DATA / "resources" / d.name).is_dir()
    ]
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    missing += [f"seeds/{s}" for s in seeds if not box.seed(s).is_file()]
    if not (internal / "jieba" / "dict.txt").is_file():
        missing.append("jieba/dict.txt")
    if not list(internal.glob("opencc/**/t2s.json")):
        missing.append("opencc's t2s.json")
    if missing:
        raise CheckFailed("missing from the bundle: " + ", ".join(missing))
    unwanted = [
        str(p.relative_to(internal))
        for pattern in ("jieba/lac_small", "tkinter", "**/libQt6Quick*", "**/libQt6WebEngine*",
                        "scipy/cluster", "scipy/stats", "scipy/interpolate", "scipy/ndimage")
        for p in internal.glob(pattern)
    ]
    if unwanted:
        raise CheckFailed("left in the bundle although excluded: " + ", ".join(unwanted[:8]))
    size = sum(
        p.stat().st_size for p in box.bundle.rglob("*") if p.is_file() and not p.is_symlink()
    )
    return f"{size / 2**20:.0f} MiB; {len(seeds)} sample reports, resources, dictionaries present"


def check_version(box: Sandbox) -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    run = box.run("--version")
    if run.returncode != 0 or f"tifa {version}" not in run.stdout:
        raise CheckFailed(f"expected 'tifa {version}'; {run.describe()}")
    return f"tifa {version} ({run.seconds:.1f} s to start)"


def source_modules(package: Path = ROOT / "desktop" / "tifa") -> set[str]:
    """Dotted names of the tifa modules in the source tree (what the bundle must hold)."""
    names = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] != "__main__" and len(parts) > 1:
            names.add(".".join(parts))
    return names


def check_imports(box: Sandbox) -> str:
    run = box.run(TIFA_IMPORT_CHECK="1")
    if run.returncode != 0 or "imported" not in run.stdout:
        raise CheckFailed(run.describe())
    bundled = {line.split()[1] for line in run.stdout.splitlines() if line.startswith("module ")}
    missing = sorted(source_modules() - bundled)
    if missing:
        raise CheckFailed(
            "modules of the source tree missing from the bundle: " + ", ".join(missing)
        )
    return run.stdout.strip().splitlines()[-1]


# --- sample files in every format Tifa opens, written with the standard library ---------------

FORMAT_TEXT = "坚持稳中求进工作总基调，统筹疫情防控和经济社会发展。"
PDF_TEXT = "Stability while seeking progress."  # the hand-made PDF uses a Latin base font


def _minimal_docx(title: str, text: str) -> bytes:
    import io
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    doc_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{pkg}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{doc_type}"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}/relationships">'
        f'<Relationship Id="rId1" Type="{office}" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<w:document xmlns:w="{w}"><w:body>'
        f"<w:p><w:r><w:t>{title}</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "</w:body></w:document>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml)
    return buffer.getvalue()


def _minimal_pdf(lines: list[str]) -> bytes:
    content = "BT /F1 14 Tf 72 720 Td 18 TL " + " ".join(f"({x}) Tj T*" for x in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def check_formats(box: Sandbox) -> str:
    """`tifa normalize` reads .txt .md .html .docx .pdf inside the bundle (lxml, pypdf, ...)."""
    title = "会议公报"
    files = {
        "sample.md": (f"# {title}\n\n{FORMAT_TEXT}\n".encode(), FORMAT_TEXT),
        "sample.html": (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>{FORMAT_TEXT}</p></body></html>".encode(),
            FORMAT_TEXT,
        ),
        "sample.txt": (f"{title}\n{FORMAT_TEXT}\n".encode("gb18030"), FORMAT_TEXT),
        "sample.docx": (_minimal_docx(title, FORMAT_TEXT), FORMAT_TEXT),
        "sample.pdf": (_minimal_pdf(["Tifa bundle check", PDF_TEXT]), PDF_TEXT),
    }
    failures = []
    for name, (content, expected) in files.items():
        path = box.work / name
        path.write_bytes(content)
        run = box.run("normalize", str(path))
        if run.returncode != 0 or expected not in run.stdout:
            failures.append(f"{name}: expected the paragraph back; {run.describe()}")
    if failures:
        raise CheckFailed("\n".join(failures))
    return f"{', '.join(sorted(Path(n).suffix for n in files))} read"


def _check_compare(box: Sandbox, tokenizer: str) -> str:
    a, b = (box.seed(name) for name in PAIR)
    report = box.work / f"report-{tokenizer}.json"
    run = box.run("compare", str(a), str(b), "--json", str(report), TIFA_TOKENIZER=tokenizer)
    if run.returncode != 0:
        raise CheckFailed(f"{tokenizer}: {run.describe()}")
    missing = [w for w in EXPECTED_OUTPUT if w not in run.stdout]
    if missing:
        raise CheckFailed(
            f"{tokenizer}: the summary lacks {missing}; first lines:\n    "
            + "\n    ".join(run.stdout.splitlines()[:12])
        )
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CheckFailed(f"{tokenizer}: no readable JSON report: {error}") from error
    if data.get("schema_version") != 1 or not all(n in report.read_text("utf-8") for n in PAIR):
        raise CheckFailed(f"{tokenizer}: the JSON report is not schema 1 about both files")
    return f"{tokenizer}: {len(run.stdout.splitlines())} lines + JSON in {run.seconds:.1f} s"


def check_compare(box: Sandbox) -> str:
    return "; ".join(_check_compare(box, t) for t in ("rjieba", "jieba"))


def check_corpus(box: Sandbox) -> str:
    """The bundled `tifa corpus`: the sample reports added, then every document's echoes
    (datasketch's MinHash LSH, which loads scipy.integrate: SciPy's parts left in)."""
    db = box.work / "corpus.sqlite"
    seeds = [str(box.seed(name)) for name in sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))]
    added = box.run("corpus", "add", "--db", str(db), "--quiet", "--workers", "1", *seeds)
    if added.returncode != 0:
        raise CheckFailed(f"corpus add: {added.describe()}")
    out = box.work / "echoes.json"
    echoes = box.run("corpus", "echoes", "--db", str(db), "--all", "--workers", "1",
                     "--json", str(out))
    if echoes.returncode != 0 or not out.is_file():
        raise CheckFailed(f"corpus echoes --all: {echoes.describe()}")
    documents = json.loads(out.read_text(encoding="utf-8"))["documents"]
    if len(documents) != len(seeds):
        raise CheckFailed(f"echoes of {len(documents)} documents, expected {len(seeds)}")
    return f"{len(seeds)} documents added and their echoes found in {echoes.seconds:.1f} s"


def _zip_text(path: Path, member_prefix: str) -> str:
    """The text of a zip's XML members (runs joined, tags dropped): DOCX and XLSX content."""
    import html
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith(member_prefix)
        )
    return html.unescape(re.sub(r"<[^>]+>", "", xml))  # openpyxl writes &#21271; for 北


def check_export(box: Sandbox) -> str:
    """Every report format from the bundled `tifa compare` (templates, fonts, fpdf2, lxml...)."""
    a, b = (box.seed(name) for name in PAIR)
    out = box.work / "reports"
    run = box.run(
        "compare", str(a), str(b), "--quiet",
        "--html", str(out / "r.html"), "--docx", str(out / "r.docx"), "--pdf", str(out / "r.pdf"),
        "--xlsx", str(out / "r.xlsx"), "--csv", str(out / "csv"),
    )  # fmt: skip
    if run.returncode != 0:
        raise CheckFailed(run.describe())
    phrase = EXPECTED_OUTPUT[2]
    problems = []
    readers: dict[str, Callable[[], str]] = {
        "r.html": lambda: (out / "r.html").read_text(encoding="utf-8"),
        "r.docx": lambda: _zip_text(out / "r.docx", "word/"),
        "r.xlsx": lambda: _zip_text(out / "r.xlsx", "xl/"),
        "csv/formulations.csv": lambda: (out / "csv/formulations.csv").read_text("utf-8-sig"),
    }
    for name, read in readers.items():
        try:
            if phrase not in read():
                problems.append(f"{name} lacks {phrase}")
        except (OSError, ValueError) as error:  # missing file, bad zip, bad encoding
            problems.append(f"{name}: {type(error).__name__}: {error}")
    pdf = out / "r.pdf"
    data = pdf.read_bytes() if pdf.is_file() else b""
    if not data.startswith(b"%PDF") or b"/FontFile" not in data:
        problems.append(f"r.pdf is not a PDF with an embedded font ({len(data)} bytes)")
    if problems:
        raise CheckFailed("; ".join(problems))
    sizes = ", ".join(
        f"{p.suffix[1:]} {p.stat().st_size // 1024} KiB" for p in sorted(out.glob("r.*"))
    )
    return f"{sizes}, CSV; in {run.seconds:.1f} s"


def check_gui(box: Sandbox) -> str:
    shot = box.work / "window.png"
    a, b = (box.seed(name) for name in PAIR)
    run = box.run("gui", str(a), str(b), "--screenshot", str(shot))
    if run.returncode != 0:
        raise CheckFailed(run.describe())
    if not shot.is_file() or shot.stat().st_size == 0:
        raise CheckFailed(f"exit 0 but no screenshot at {shot}")
    png = read_png(shot)
    if png.width < 400 or png.height < 300 or png.distinct_bytes < 32:
        raise CheckFailed(f"screenshot looks empty: {png}")
    kept = ROOT / "build" / "package-check-window.png"
    kept.parent.mkdir(exist_ok=True)
    shutil.copy2(shot, kept)
    return f"{png.width}×{png.height} PNG in {run.seconds:.1f} s (copy: {kept.relative_to(ROOT)})"


def check_gui_x11(box: Sandbox) -> str:
    """The same on a virtual X server: the bundled xcb platform plugin and its libraries load."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None or os.name == "nt" or sys.platform == "darwin":
        return "no xvfb-run here: skipped"
    shot = box.work / "window-x11.png"
    a, b = (box.seed(name) for name in PAIR)
    started = time.monotonic()
    done = subprocess.run(
        [
            xvfb_run,
            "-a",
            "-s",
            "-screen 0 1600x1000x24",
            str(box.program),
            "gui",
            str(a),
            str(b),
            "--screenshot",
            str(shot),
        ],
        cwd=box.work,
        env=box.env(QT_QPA_PLATFORM="xcb"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        tail = "\n    ".join((done.stderr or done.stdout).strip().splitlines()[-12:])
        raise CheckFailed(f"xvfb-run tifa gui exited {done.returncode}:\n    {tail}")
    if not shot.is_file():
        raise CheckFailed(f"exit 0 but no screenshot at {shot}")
    png = read_png(shot)
    if png.width < 400 or png.height < 300 or png.distinct_bytes < 32:
        raise CheckFailed(f"screenshot looks empty: {png}")
    return f"{png.width}×{png.height} PNG on Xvfb in {time.monotonic() - started:.1f} s"


def check_untouched(box: Sandbox) -> str:
    after = snapshot(box.bundle)
    before = box.snapshot_before
    changed = sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))
    if changed:
        raise CheckFailed("the runs wrote into the bundle: " + ", ".join(changed[:10]))
    return f"{len(after)} files unchanged"


def check_desktop(box: Sandbox) -> str:
    script = box.bundle / "install-desktop.sh"
    if os.name == "nt" or sys.platform == "darwin":
        return "not a Linux bundle: skipped"
    if not script.is_file():
        raise CheckFailed("install-desktop.sh is missing from the bundle")
    env = box.env()
    done = subprocess.run(
        ["sh", str(script)], cwd=box.work, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise CheckFailed(f"install-desktop.sh exited {done.returncode}: {done.stderr.strip()}")
    entry = box.home / ".local/share/applications/tifa.desktop"
    text = entry.read_text(encoding="utf-8") if entry.is_file() else ""
    if f'Exec="{box.program}" gui %F' not in text:
        raise CheckFailed(f"{entry} does not start {box.program}:\n{text}")
    validator = shutil.which("desktop-file-validate")
    if validator:
        valid = subprocess.run([validator, str(entry)], capture_output=True, text=True, check=False)
        if valid.returncode != 0 or valid.stdout.strip():
            raise CheckFailed(f"desktop-file-validate: {valid.stdout.strip()}")
    link = box.home / ".local/bin/tifa"
    if link.resolve() != box.program.resolve():
        raise CheckFailed(f"{link} does not point at the bundle")
    icons = box.home / ".local/share/icons/hicolor"
    installed = [p.relative_to(icons) for p in icons.rglob("tifa.*")] if icons.is_dir() else []
    if any((ROOT / "resources" / "icons").glob("*.png")) and not installed:
        raise CheckFailed("the app has an icon (resources/icons/) but none was installed")
    names = ", ".join(str(p) for p in sorted(installed)) or "no icon"
    return f"entry{' validated' if validator else ''}, command linked, icons: {names}"


PARTS: dict[str, Callable[[Sandbox], str]] = {
    "layout": check_layout,
    "version": check_version,
    "imports": check_imports,
    "formats": check_formats,
    "compare": check_compare,
    "export": check_export,
    "corpus": check_corpus,
    "gui": check_gui,
    "gui-x11": check_gui_x11,
    "untouched": check_untouched,  # after the runs: they must not have written into the bundle
    "desktop": check_desktop,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "tifa")
    parser.add_argument("--only", nargs="+", choices=list(PARTS), help="run only these parts")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not bundle.is_dir():
        print(f"package-check: no bundle at {bundle}; build it with `make package`")
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="tifa-bundle-check-"))
    if ROOT in scratch.parents:
        print(f"package-check: the temporary folder {scratch} is inside the source tree")
        return 1
    results: list[tuple[str, bool, str]] = []
    try:
        box = Sandbox(bundle, scratch)
        print(f"package-check: {bundle} copied to {box.bundle}; working folder {box.work}")
        for name, part in PARTS.items():
            if args.only and name not in args.only:
                continue
            try:
                results.append((name, True, part(box)))
            except CheckFailed as failure:
                results.append((name, False, str(failure)))
            except (OSError, subprocess.SubprocessError) as error:
                results.append((name, False, f"{type(error).__name__}: {error}"))
            ok, detail = results[-1][1:]
            print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)
    finally:
        if args.keep:
            print(f"package-check: kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    failed = [name for name, ok, _ in results if not ok]
    if failed:
        print("package-check: failed parts: " + ", ".join(failed))
    print(f"package-check: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
