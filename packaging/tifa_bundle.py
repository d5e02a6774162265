"""What goes into Tifa's PyInstaller bundle, kept apart from the spec so it can be tested.

``packaging/tifa.spec`` imports this module at build time; ``tests/test_packaging.py`` imports
it without PyInstaller. Everything here is plain Python: names, versions, the data folders, what
to leave out (and why), icon conversion, the platform metadata (desktop MIME types, macOS
document types, the Windows version resource).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "desktop" / "tifa"

APP_NAME = "Tifa"  # macOS .app name, window-system name
EXE_NAME = "tifa"  # the command (console); the one-folder bundle is dist/tifa/
GUI_EXE_NAME = "tifa-gui"  # Windows only: a windowed twin that opens no console window
BUNDLE_ID = "org.tifa.Tifa"
DESCRIPTION = "Tifa (提法对读): compare Chinese political documents side by side"

# Where tifa.engine.paths looks for data inside a bundle: sys._MEIPASS/tifa/_data/<name>.
DATA_FOLDERS = ("resources", "seeds")
BUNDLE_DATA_PREFIX = "tifa/_data"

# The formats Tifa opens (tifa.engine.ingest): extension -> MIME type (shared-mime-info names)
# and macOS uniform type identifier. .htm is covered by text/html's globs.
OPENED_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("txt", "text/plain", "public.plain-text"),
    ("md", "text/markdown", "net.daringfireball.markdown"),
    ("html", "text/html", "public.html"),
    ("htm", "text/html", "public.html"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "org.openxmlformats.wordprocessingml.document",
    ),
    ("pdf", "application/pdf", "com.adobe.pdf"),
)

# Python packages never imported at run time that PyInstaller would otherwise follow from
# optional imports: jieba's setuptools/pkg_resources probe (it falls back to open()), jieba's
# paddle model, build and test tooling, the Tk GUI toolkit. (Pillow stays: fpdf2 needs it.)
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "test",
    "setuptools",
    "pkg_resources",
    "distutils",
    "pip",
    "IPython",
    "matplotlib",
    "pytest",
    "_pytest",
    "hypothesis",
    "paddle",
    "jieba.lac_small",
    # the corpus's Dask engine is an optional extra (pip install tifa[corpus-dask]), not bundled;
    # Parquet (pyarrow, 160 MB) comes only with it
    "dask",
    "distributed",
    "pyarrow",
    "pandas",
    # SciPy: Tifa multiplies sparse matrices (scipy.sparse) and datasketch integrates
    # (scipy.integrate, which loads linalg, optimize, special, spatial, fft, constants and
    # sparse.linalg); the rest is never imported at run time. The documents' clustering is
    # NumPy (engine/compare/clustering.py), not scipy.cluster. tests/test_packaging.py
    # runs Tifa with these blocked.
    "scipy.cluster",
    "scipy.datasets",
    "scipy.differentiate",
    "scipy.fftpack",
    "scipy.interpolate",
    "scipy.io",
    "scipy.misc",
    "scipy.ndimage",
    "scipy.odr",
    "scipy.signal",
    "scipy.stats",
)  # not numpy.f2py: scipy's array_api_compat does `from numpy import *`, which imports it

# Packages whose code finds data through a path *through* its own module folder, which a bundle
# only has when the sources are collected too: python-docx opens "docx/parts/../templates/..."
# (Linux refuses ".." after a missing folder; python-docx pull request #1310).
MODULE_COLLECTION_MODE = {"docx.parts": "pyz+py"}

# PySide6 modules a document viewer has no use for; each is excluded unless Tifa's own code
# imports it (see qt_modules_imported_by_tifa), so a GUI that starts using one keeps working.
UNUSED_QT_MODULES: tuple[str, ...] = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
)

# Qt plugins for embedded devices and servers (framebuffer, EGL-FS, VNC, evdev/TUIO input,
# Wayland compositors), image formats no report uses, and the QML/SQL/designer plugin folders.
_UNWANTED_QT_PLUGIN_DIRS = frozenset(
    {
        "egldeviceintegrations",
        "generic",
        "wayland-graphics-integration-server",
        "designer",
        "qmltooling",
        "sqldrivers",
    }
)
_UNWANTED_QT_PLUGINS = frozenset(
    {
        "qeglfs",
        "qlinuxfb",
        "qminimalegl",
        "qvnc",
        "qvkkhrdisplay",
        "qtga",
        "qtiff",
        "qwbmp",
        "qwebp",
        "qicns",
        # GTK3 look and dialogs: it would copy GTK, Cairo, Pango and ATK (≈20 MB) from the
        # build machine into the bundle, to clash with the user's own; Qt's Fusion style remains.
        "qgtk3",
    }
)
# Qt's own translations (standard dialogs, context menus): only the languages Tifa speaks.
_KEPT_QT_TRANSLATION = re.compile(r"_(zh_CN|zh_TW|zh_HK|en)\.qm$")


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The version in pyproject.toml, the single place it is written."""
    with pyproject.open("rb") as f:
        version: str = tomllib.load(f)["project"]["version"]
    return version


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Four integers for the Windows version resource (0.1.0rc1 -> 0, 1, 0, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    a, b, c = [*numbers, 0, 0, 0][:3]
    return (a, b, c, 0)


def data_files() -> list[tuple[str, str]]:
    """(source folder, bundle folder) pairs: every file of resources/ and seeds/, recursively."""
    return [(str(ROOT / name), f"{BUNDLE_DATA_PREFIX}/{name}") for name in DATA_FOLDERS]


_QT_IMPORT = re.compile(r"PySide6\.(Qt\w+)|from\s+PySide6\s+import\s+\(?([\w\s,]+)\)?")


def qt_modules_imported_by_tifa(package_dir: Path = PACKAGE_DIR) -> set[str]:
    """Names of the PySide6 modules Tifa's own source imports (QtWidgets, QtGui, ...)."""
    used: set[str] = set()
    for source in package_dir.rglob("*.py"):
        for dotted, listed in _QT_IMPORT.findall(source.read_text(encoding="utf-8")):
            if dotted:
                used.add(dotted)
            used.update(n for n in re.split(r"[\s,]+", listed) if n.startswith("Qt"))
    return used


def excluded_modules(package_dir: Path = PACKAGE_DIR) -> list[str]:
    used = qt_modules_imported_by_tifa(package_dir)
    qt = [f"PySide6.{m}" for m in UNUSED_QT_MODULES if m not in used]
    return [*EXCLUDED_MODULES, *qt]


def _is_jieba_data_unused(dest: PurePosixPath, jieba_modules: set[str]) -> bool:
    parts = dest.parts
    if not parts or parts[0] != "jieba":
        return False
    if len(parts) > 1 and parts[1] == "lac_small":
        return True  # paddle model (13 MB): only for jieba.enable_paddle()
    if dest.suffix == ".p":
        return True  # pickled HMM tables: jieba loads them on Jython only (.py modules otherwise)
    if len(parts) > 1 and parts[1] == "analyse":
        return "jieba.analyse" not in jieba_modules  # idf.txt (6 MB): keyword extraction
    return False


def _is_opencc_build_file(dest: PurePosixPath) -> bool:
    # opencc's wheel carries its command-line tools, C headers and static libraries; the Python
    # module needs only its extension and clib/share/opencc (configs and dictionaries).
    parts = dest.parts
    return parts[:2] == ("opencc", "clib") and len(parts) > 3 and parts[2] in _OPENCC_BUILD_DIRS


_OPENCC_BUILD_DIRS = frozenset({"bin", "include", "lib", "lib64"})


def _is_unwanted_qt_file(dest: PurePosixPath) -> bool:
    parts = dest.parts
    if not parts or parts[0] != "PySide6":
        return False
    if "translations" in parts and dest.suffix == ".qm":
        return not _KEPT_QT_TRANSLATION.search(dest.name)
    if "plugins" in parts:
        after = parts[parts.index("plugins") + 1 :]
        folder = after[0] if len(after) > 1 else ""
        if folder in _UNWANTED_QT_PLUGIN_DIRS:
            return True
        stem = dest.name.split(".")[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        return stem in _UNWANTED_QT_PLUGINS
    return False


def is_unwanted(dest_name: str, *, bundled_modules: Iterable[str] = ()) -> bool:
    """True for a bundle entry (its destination path) that Tifa never reads."""
    dest = PurePosixPath(dest_name.replace("\\", "/"))
    modules = {m for m in bundled_modules if m.startswith("jieba")}
    return (
        _is_jieba_data_unused(dest, modules)
        or _is_unwanted_qt_file(dest)
        or _is_opencc_build_file(dest)
    )


def prune(
    toc: Sequence[tuple[str, str, str]], bundled_modules: Iterable[str]
) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (dest, source, kind) without the entries Tifa never reads."""
    modules = set(bundled_modules)
    return [entry for entry in toc if not is_unwanted(entry[0], bundled_modules=modules)]


TocEntry = tuple[str, str, str]


def _is_shared_dependency(entry: TocEntry) -> bool:
    """A library PyInstaller copied because something links to it (not a module or plugin)."""
    dest, _source, kind = entry
    name = PurePosixPath(dest.replace("\\", "/"))
    if kind != "BINARY" or name.name.startswith("libpython"):
        return False
    return len(name.parts) == 1 or dest.replace("\\", "/").startswith("PySide6/Qt/lib/")


def prune_orphan_libraries(
    binaries: Sequence[TocEntry],
    datas: Sequence[TocEntry],
    imports_of: Callable[[str], Iterable[str]],
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Drop shared libraries that no kept module or plugin links to, directly or not.

    PyInstaller follows the links of every plugin before ``prune`` removes plugins, so the
    libraries only those plugins needed (EGL-FS, QtNetwork, GTK) would stay behind.
    ``imports_of(source path)`` gives the file names a binary links to. Symlinks into dropped
    libraries go too. Returns the new (binaries, datas).
    """
    by_name: dict[str, list[TocEntry]] = {}
    for entry in binaries:
        by_name.setdefault(PurePosixPath(entry[0].replace("\\", "/")).name, []).append(entry)
    kept: set[TocEntry] = set()
    pending = [e for e in binaries if not _is_shared_dependency(e)]
    while pending:
        entry = pending.pop()
        if entry in kept:
            continue
        kept.add(entry)
        if entry[2] == "SYMLINK":
            continue
        for needed in imports_of(entry[1]):
            pending.extend(e for e in by_name.get(needed, ()) if e not in kept)
    dropped = {e[0].replace("\\", "/") for e in binaries if e not in kept}

    def dangling(e: TocEntry) -> bool:
        return e[2] == "SYMLINK" and e[1].replace("\\", "/") in dropped

    return (
        [e for e in binaries if e in kept and not dangling(e)],
        [e for e in datas if not dangling(e)],
    )


def strip_python_runtime(bundle: Path, strip: str | None = None) -> int:
    """Strip debug symbols from libpython and the stdlib's extension modules (Linux).

    A Python built from source keeps its symbols (libpython 22 MB -> 5.5 MB). Only the files the
    Python build made are stripped: wheels' libraries were rewritten by auditwheel/patchelf, and
    ``strip`` breaks those (numpy's OpenBLAS then fails to load: "ELF load command address/offset
    not page-aligned"), which is why the spec does not use PyInstaller's ``strip=True``.
    Returns the bytes saved.
    """
    strip = strip or shutil.which("strip")
    internal = bundle / "_internal"
    targets = [*internal.glob("libpython3*.so*"), *internal.glob("python3.*/lib-dynload/*.so")]
    if strip is None:
        print("tifa.spec: no `strip` program (binutils); the Python runtime keeps its symbols")
        return 0
    before = sum(p.stat().st_size for p in targets)
    for target in targets:
        if not target.is_symlink():
            subprocess.run([strip, "--strip-unneeded", str(target)], check=True)
    return before - sum(p.stat().st_size for p in targets)


# --- icons --------------------------------------------------------------------------------------

ICON_DIR = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_source(icon_dir: Path = ICON_DIR) -> Path | None:
    """The app icon the GUI draws (resources/icons/): the largest square PNG, else an SVG."""
    if not icon_dir.is_dir():
        return None
    pngs = sorted(icon_dir.rglob("*.png"))
    preferred = [p for p in pngs if "tifa" in p.stem.lower() or "app" in p.stem.lower()] or pngs
    if preferred:
        return max(preferred, key=_png_width)
    svgs = sorted(icon_dir.rglob("*.svg"))
    named = [p for p in svgs if "tifa" in p.stem.lower() or "app" in p.stem.lower()] or svgs
    return named[0] if named else None


def _png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    return int.from_bytes(header[16:20], "big") if header[:8] == b"\x89PNG\r\n\x1a\n" else 0


def render_svg(svg: Path, png: Path, size: int = 1024) -> Path:
    """Rasterise an SVG icon with Qt (Pillow reads no SVG)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["tifa-icon", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png)):
        raise OSError(f"could not write {png}")
    return png


def platform_icon(source: Path, workdir: Path, platform: str | None = None) -> Path:
    """The icon in the platform's own format: .ico (Windows), .icns (macOS), .png (Linux)."""
    platform = platform or sys.platform
    workdir.mkdir(parents=True, exist_ok=True)
    if source.suffix.lower() == ".svg":
        source = render_svg(source, workdir / "tifa-1024.png")
    if platform.startswith("linux"):
        return source
    from PIL import Image

    with Image.open(source) as opened:
        image = opened.convert("RGBA")
    side = max(image.size)
    if image.size != (side, side):  # pad to a square, centred, so no platform stretches it
        square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
        square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
        image = square
    if platform == "win32":
        out = workdir / "tifa.ico"
        sizes = [(s, s) for s in ICO_SIZES if s <= side] or [(side, side)]
        image.save(out, format="ICO", sizes=sizes)
    elif platform == "darwin":
        out = workdir / "tifa.icns"
        if side < 1024:
            image = image.resize((1024, 1024), Image.Resampling.LANCZOS)
        image.save(out, format="ICNS")
    else:
        raise ValueError(f"no icon format known for platform {platform!r}")
    return out


LINUX_ICON_SIZE = 256


def linux_icons(source: Path, folder: Path) -> list[Path]:
    """tifa.png (256 px, for hicolor/256x256) and tifa.svg (hicolor/scalable) when there is one."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    svg = source if source.suffix.lower() == ".svg" else source.with_suffix(".svg")
    if svg.is_file():
        shutil.copy2(svg, folder / "tifa.svg")
        written.append(folder / "tifa.svg")
    png = folder / "tifa.png"
    if source.suffix.lower() == ".svg":
        render_svg(source, png, LINUX_ICON_SIZE)
    else:
        from PIL import Image

        with Image.open(source) as opened:
            opened.convert("RGBA").resize(
                (LINUX_ICON_SIZE, LINUX_ICON_SIZE), Image.Resampling.LANCZOS
            ).save(png)
    written.append(png)
    return written


# --- platform metadata --------------------------------------------------------------------------


def mac_info_plist(version: str) -> dict[str, object]:
    """Info.plist additions: version, Retina, and the documents Finder may open with Tifa."""
    types = sorted({uti for _, _, uti in OPENED_FORMATS})
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": "Tifa 提法对读",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        "NSHumanReadableCopyright": "MIT License",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Document",
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": types,
            }
        ],
    }


def windows_version_info(version: str) -> str:
    """The text PyInstaller's ``version=`` reads (a VSVersionInfo expression) for tifa.exe."""
    four = numeric_version(version)
    strings = {
        "CompanyName": "Tifa developers",
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": EXE_NAME,
        "LegalCopyright": "MIT License",
        "OriginalFilename": f"{EXE_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    structs = ",\n        ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return (
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0,\n"
        "                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([StringTable('040904B0', [\n"
        f"        {structs}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])]),\n"
        "  ],\n"
        ")\n"
    )
