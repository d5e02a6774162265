"""Cheap checks of the packaging files (no PyInstaller build: that is `make package-check`).

The bundle must carry every data folder where tifa.engine.paths looks for it, leave out only
what Tifa never reads, and register Tifa for the formats it opens.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import plistlib
import shutil
import subprocess
import sys
import tomllib
from configparser import ConfigParser
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DESKTOP_FILE = PACKAGING / "linux" / "tifa.desktop"
INSTALL_SCRIPT = PACKAGING / "linux" / "install-desktop.sh"
SITE = Path(importlib.util.find_spec("jieba").origin).parent.parent  # type: ignore[arg-type, union-attr]


def _load(name: str) -> ModuleType:
    """packaging/ is not a package (and `packaging` is a PyPI name): load the file itself."""
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


tb = _load("tifa_bundle")
entry = _load("entry")
check_bundle = _load("check_bundle")


def _bundle_layout(tmp_path: Path) -> Path:
    """What PyInstaller makes of the spec's datas: each source folder copied, recursively."""
    root = tmp_path / "_internal"
    for source, dest in tb.data_files():
        shutil.copytree(source, root / dest)
    return root


# --- data the app reads ------------------------------------------------------------------------


def test_datas_cover_every_resource_and_seed_file(tmp_path: Path) -> None:
    root = _bundle_layout(tmp_path)
    for folder in ("resources", "seeds"):
        expected = {p.relative_to(REPO / folder) for p in (REPO / folder).rglob("*") if p.is_file()}
        bundled_root = root / "tifa" / "_data" / folder
        bundled = {p.relative_to(bundled_root) for p in bundled_root.rglob("*") if p.is_file()}
        assert expected and expected <= bundled, folder
    subfolders = [d.name for d in (REPO / "resources").iterdir() if d.is_dir()]
    assert subfolders
    assert all((root / "tifa/_data/resources" / name).is_dir() for name in subfolders)


def test_datas_match_pyinstallers_own_expansion() -> None:
    utils = pytest.importorskip("PyInstaller.building.utils")
    expanded = utils.format_binaries_and_datas(tb.data_files())
    dests = {PurePosixPath(str(dest).replace("\\", "/")) for dest, _src in expanded}
    for folder in ("resources", "seeds"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file():
                relative = path.relative_to(REPO / folder).as_posix()
                assert PurePosixPath(f"tifa/_data/{folder}/{relative}") in dests


def test_bundled_data_is_where_paths_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tifa.engine import paths

    root = _bundle_layout(tmp_path)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    paths._data_root.cache_clear()
    try:
        assert paths.resources_dir() == root / "tifa" / "_data" / "resources"
        assert [p.name for p in paths.default_pair()] == [
            "000_9199964eb3750e0c.txt",
            "003_3eec6e6b6785901d.txt",
        ]
        assert all(p.is_file() and root in p.parents for p in paths.default_pair())
    finally:
        paths._data_root.cache_clear()


def test_version_is_read_from_pyproject_and_matches_the_package() -> None:
    import tifa

    with (REPO / "pyproject.toml").open("rb") as f:
        declared = tomllib.load(f)["project"]["version"]
    assert tb.project_version() == declared == tifa.__version__
    assert tb.numeric_version("0.1.0") == (0, 1, 0, 0)
    assert tb.numeric_version("2.10rc1") == (2, 10, 1, 0)
    assert tb.numeric_version("3") == (3, 0, 0, 0)


def test_package_extra_holds_the_build_tools() -> None:
    with (REPO / "pyproject.toml").open("rb") as f:
        extras = tomllib.load(f)["project"]["optional-dependencies"]
    names = {req.split(">")[0].split("=")[0].strip().lower() for req in extras["package"]}
    assert {"pyinstaller", "pyinstaller-hooks-contrib", "pillow"} <= names


# --- what is left out --------------------------------------------------------------------------


def _installed_data(package: str) -> list[tuple[str, str, str]]:
    """A TOC of the package's non-Python files, as collect_data_files would list them."""
    base = SITE / package
    return [
        (str(p.relative_to(SITE)), str(p), "DATA")
        for p in base.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"}
    ]


def test_jieba_keeps_only_its_dictionary() -> None:
    toc = _installed_data("jieba")
    assert any("lac_small" in dest for dest, _, _ in toc)  # the wheel does carry the model
    kept = {dest for dest, _, _ in tb.prune(toc, ["jieba", "jieba.finalseg"])}
    assert kept == {"jieba/dict.txt"}
    with_analyse = {dest for dest, _, _ in tb.prune(toc, ["jieba", "jieba.analyse"])}
    assert "jieba/analyse/idf.txt" in with_analyse
    assert not any("lac_small" in d for d in with_analyse)


def test_opencc_keeps_its_configs_and_dictionaries_only() -> None:
    toc = _installed_data("opencc")
    kept = {dest for dest, _, _ in tb.prune(toc, [])}
    dropped = {dest for dest, _, _ in toc} - kept
    assert any(d.endswith("t2s.json") for d in kept)
    assert any(d.endswith("STCharacters.ocd2") for d in kept)
    assert dropped and all(
        PurePosixPath(d).parts[2] in {"bin", "include", "lib", "lib64"} for d in dropped
    )


@pytest.mark.parametrize(
    ("dest", "unwanted"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", False),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", True),
        ("PySide6/Qt/plugins/generic/libqevdevtouchplugin.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", False),  # Windows layout
        ("PySide6\\plugins\\imageformats\\qwebp.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),  # macOS
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
        ("PySide6/Qt/translations/qtbase_zh_TW.qm", False),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qt_help_ja.qm", True),
        ("tifa/_data/resources/i18n/tifa_de.qm", False),  # the app's own are never filtered
        ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
    ],
)
def test_qt_pruning(dest: str, unwanted: bool) -> None:
    assert tb.is_unwanted(dest) is unwanted


def test_qt_import_scan_sees_every_import_form(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    (tmp_path / "b.py").write_text(
        "from PySide6 import (\n    QtNetwork,\n    QtSvg,\n)\nimport PySide6.QtPrintSupport\n",
        encoding="utf-8",
    )
    assert tb.qt_modules_imported_by_tifa(tmp_path) == {
        "QtWidgets",
        "QtNetwork",
        "QtSvg",
        "QtPrintSupport",
    }
    excluded = tb.excluded_modules(tmp_path)
    assert "PySide6.QtNetwork" not in excluded  # used, so kept
    assert "PySide6.QtQml" in excluded and "PySide6.QtWebEngineCore" in excluded


def test_no_module_tifa_imports_is_excluded() -> None:
    excluded = set(tb.excluded_modules())
    for source in (REPO / "desktop" / "tifa").rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                parts = name.split(".")
                prefixes = {".".join(parts[: i + 1]) for i in range(len(parts))}
                assert not prefixes & excluded, f"{source.name} imports {name}, which is excluded"


# --- orphaned shared libraries -----------------------------------------------------------------


def _toc(dest: str, kind: str = "BINARY") -> tuple[str, str, str]:
    return (dest, f"/src/{dest}", kind)


def test_orphan_libraries_go_with_the_plugins_that_needed_them() -> None:
    ext = _toc("PySide6/QtWidgets.abi3.so", "EXTENSION")
    widgets = _toc("PySide6/Qt/lib/libQt6Widgets.so.6")
    core = _toc("PySide6/Qt/lib/libQt6Core.so.6")
    icu = _toc("libicu.so")
    network = _toc("PySide6/Qt/lib/libQt6Network.so.6")  # only a dropped plugin linked it
    krb = _toc("libkrb5.so.3")
    python = _toc("libpython3.11.so.1.0")  # loaded by the bootloader, linked by nothing
    links = {
        ext[1]: ["libQt6Widgets.so.6", "libc.so.6"],
        widgets[1]: ["libQt6Core.so.6"],
        core[1]: ["libicu.so"],
        network[1]: ["libkrb5.so.3", "libQt6Core.so.6"],
    }
    symlink = ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")
    kept_link = ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")
    binaries, datas = tb.prune_orphan_libraries(
        [ext, widgets, core, icu, network, krb, python],
        [symlink, kept_link, ("x.txt", "/src/x.txt", "DATA")],
        lambda src: links.get(src, []),
    )
    assert binaries == [ext, widgets, core, icu, python]
    assert datas == [kept_link, ("x.txt", "/src/x.txt", "DATA")]


@given(st.data())
def test_orphan_pruning_keeps_exactly_what_is_reachable(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 12))
    libs = [_toc(f"lib{i}.so") for i in range(n)]
    roots = [_toc(f"pkg/ext{i}.so", "EXTENSION") for i in range(data.draw(st.integers(1, 3)))]
    names = [PurePosixPath(e[0]).name for e in libs]
    links = {e[1]: data.draw(st.lists(st.sampled_from(names), max_size=3)) for e in [*libs, *roots]}
    binaries, _ = tb.prune_orphan_libraries([*roots, *libs], [], lambda s: links[s])
    kept = {PurePosixPath(e[0]).name for e in binaries}
    reachable: set[str] = set()
    frontier = [n for r in roots for n in links[r[1]]]
    while frontier:
        name = frontier.pop()
        if name not in reachable:
            reachable.add(name)
            frontier.extend(links[f"/src/{name}"])
    assert kept == reachable | {PurePosixPath(r[0]).name for r in roots}


# --- entry point --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], []),
        (["compare", "a.txt", "b.txt"], ["compare", "a.txt", "b.txt"]),
        (["--version"], ["--version"]),
        (["/home/u/报告.docx"], ["gui", "/home/u/报告.docx"]),
        (["-psn_0_12345", "a.pdf"], ["gui", "a.pdf"]),
        (["gui", "a.txt"], ["gui", "a.txt"]),
    ],
)
def test_files_alone_open_the_gui(argv: list[str], expected: list[str]) -> None:
    assert entry._arguments(argv) == expected


# --- desktop integration -----------------------------------------------------------------------


def _desktop_entry() -> ConfigParser:
    parser = ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser


def test_desktop_entry_associates_every_format_tifa_opens() -> None:
    section = _desktop_entry()["Desktop Entry"]
    declared = [m for m in section["MimeType"].split(";") if m]
    assert sorted(declared) == sorted({mime for _, mime, _ in tb.OPENED_FORMATS})
    assert {ext for ext, _, _ in tb.OPENED_FORMATS} == {"txt", "md", "html", "htm", "docx", "pdf"}
    assert section["Exec"] == "tifa gui %F" and section["Icon"] == "tifa"
    assert section["Name[zh_CN]"] == "提法对读"


def test_mime_types_are_the_systems_names_for_the_extensions() -> None:
    globs = Path("/usr/share/mime/globs2")
    if not globs.is_file():
        pytest.skip("shared-mime-info is not installed")
    by_glob: dict[str, set[str]] = {}
    for line in globs.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            _weight, mime, pattern = line.split(":")[:3]
            by_glob.setdefault(pattern, set()).add(mime)
    for ext, mime, _uti in tb.OPENED_FORMATS:
        assert mime in by_glob.get(f"*.{ext}", set()), ext


def test_desktop_entry_validates() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    done = subprocess.run([validator, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_install_script_registers_a_folder_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "My Apps" / "tifa"
    folder.mkdir(parents=True)
    (folder / "tifa").write_text("#!/bin/sh\n", encoding="utf-8")
    (folder / "tifa").chmod(0o755)
    shutil.copy2(DESKTOP_FILE, folder / "tifa.desktop")
    shutil.copy2(INSTALL_SCRIPT, folder / "install-desktop.sh")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    done = subprocess.run(
        ["sh", str(folder / "install-desktop.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    installed = home / ".local/share/applications/tifa.desktop"
    text = installed.read_text(encoding="utf-8")
    assert f'Exec="{folder}/tifa" gui %F' in text
    assert f"TryExec={folder}/tifa\n" in text
    assert (home / ".local/bin/tifa").resolve() == (folder / "tifa").resolve()
    validator = shutil.which("desktop-file-validate")
    if validator:
        check = subprocess.run([validator, str(installed)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    undone = subprocess.run(
        ["sh", str(folder / "install-desktop.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert undone.returncode == 0, undone.stderr
    assert not installed.exists() and not (home / ".local/bin/tifa").exists()
    assert (folder / "tifa").is_file()


# --- other platforms' metadata ------------------------------------------------------------------


def test_mac_info_plist_serialises_and_lists_the_document_types() -> None:
    info = tb.mac_info_plist("0.1.0")
    parsed = plistlib.loads(plistlib.dumps(info))
    assert parsed["CFBundleShortVersionString"] == "0.1.0"
    types = parsed["CFBundleDocumentTypes"][0]["LSItemContentTypes"]
    assert "com.adobe.pdf" in types and "org.openxmlformats.wordprocessingml.document" in types


def test_windows_version_resource_is_an_expression_with_the_version() -> None:
    text = tb.windows_version_info("1.2.3")
    tree = ast.parse(text, mode="eval")
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)}  # type: ignore[attr-defined]
    assert calls == {
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    }
    assert "filevers=(1, 2, 3, 0)" in text and "StringStruct('ProductVersion', '1.2.3')" in text


def _draw_icon(path: Path, size: tuple[int, int]) -> Path:
    image_module = pytest.importorskip("PIL.Image")
    image = image_module.new("RGBA", size, (180, 30, 30, 255))
    image.save(path)
    return path


def test_icons_convert_to_ico_and_icns(tmp_path: Path) -> None:
    from PIL import Image

    source = _draw_icon(tmp_path / "tifa.png", (512, 512))
    ico = tb.platform_icon(source, tmp_path / "win", "win32")
    with Image.open(ico) as opened:
        assert ico.suffix == ".ico" and (256, 256) in opened.info["sizes"]
        assert (16, 16) in opened.info["sizes"]
    icns = tb.platform_icon(source, tmp_path / "mac", "darwin")
    with Image.open(icns) as opened:
        assert icns.suffix == ".icns" and opened.format == "ICNS"
    assert tb.platform_icon(source, tmp_path / "linux", "linux") == source


def test_icon_source_prefers_the_largest_app_png(tmp_path: Path) -> None:
    assert tb.icon_source(tmp_path / "none") is None
    _draw_icon(tmp_path / "tifa-64.png", (64, 64))
    _draw_icon(tmp_path / "tifa-256.png", (256, 256))
    _draw_icon(tmp_path / "open.png", (512, 512))  # a toolbar icon, not the app's
    assert tb.icon_source(tmp_path) == tmp_path / "tifa-256.png"
    written = tb.linux_icons(tmp_path / "tifa-64.png", tmp_path / "out")
    from PIL import Image

    assert written == [tmp_path / "out" / "tifa.png"]  # no SVG beside the PNG
    with Image.open(written[0]) as opened:
        assert opened.size == (256, 256)


def test_linux_icons_from_the_apps_own_icon(tmp_path: Path) -> None:
    source = tb.icon_source()
    if source is None:
        pytest.skip("the GUI has not drawn resources/icons/ yet")
    written = {p.name: p for p in tb.linux_icons(source, tmp_path)}
    assert set(written) == {"tifa.png", "tifa.svg"}
    assert written["tifa.svg"].read_bytes() == (tb.ICON_DIR / "tifa.svg").read_bytes()
    assert check_bundle.read_png(written["tifa.png"]).width == 256


# --- the bundle check's own helpers ------------------------------------------------------------


def test_png_reader_tells_a_drawing_from_a_blank(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    blank = _draw_icon(tmp_path / "blank.png", (640, 480))
    drawn = Image.new("RGB", (640, 480), "white")
    ImageDraw.Draw(drawn).text((10, 10), "Tifa " * 40, fill=(20, 40, 200))
    for y in range(0, 480, 7):
        ImageDraw.Draw(drawn).line((0, y, 640, 480 - y), fill=(y % 256, 90, 255 - y % 256))
    drawn.save(tmp_path / "drawn.png")
    assert check_bundle.read_png(blank).distinct_bytes < 32
    shot = check_bundle.read_png(tmp_path / "drawn.png")
    assert (shot.width, shot.height) == (640, 480) and shot.distinct_bytes >= 32
    (tmp_path / "fake.png").write_bytes(b"not a png")
    with pytest.raises(check_bundle.CheckFailed):
        check_bundle.read_png(tmp_path / "fake.png")


def test_the_import_check_expects_every_source_module() -> None:
    names = check_bundle.source_modules()
    assert {"tifa.cli", "tifa.engine", "tifa.engine.paths", "tifa.commands.compare"} <= names
    assert "tifa" not in names and "tifa.__main__" not in names
    assert len(names) == len([p for p in (REPO / "desktop/tifa").rglob("*.py")]) - 2


def test_scrubbed_environment_has_no_virtualenv_or_pythonpath(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "dist" / "tifa"
    bundle.mkdir(parents=True)
    (bundle / "tifa").write_text("#!/bin/sh\n", encoding="utf-8")
    venv_bin = Path(sys.executable).parent
    monkeypatch.setenv("PATH", f"{venv_bin}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.setenv("PYTHONPATH", str(REPO / "desktop"))
    box = check_bundle.Sandbox(bundle, tmp_path / "scratch")
    env = box.env()
    assert str(venv_bin) not in env["PATH"].split(os.pathsep) and "/usr/bin" in env["PATH"]
    assert not any(k.startswith("PYTHON") or k == "VIRTUAL_ENV" for k in env)
    assert env["HOME"].startswith(str(tmp_path)) and env["QT_QPA_PLATFORM"] == "offscreen"
    assert box.work.is_dir() and (box.bundle / "tifa").is_file()


def test_stripping_the_python_runtime_keeps_it_loadable(tmp_path: Path) -> None:
    import _ctypes
    import ctypes

    if shutil.which("strip") is None:
        pytest.skip("no strip program (binutils)")
    dynload = Path(_ctypes.__file__).parent  # the stdlib's extension modules
    extension = min(dynload.glob("_*.so"), key=lambda p: p.stat().st_size)
    internal = tmp_path / "_internal"
    target = internal / "python3.11" / "lib-dynload" / extension.name
    target.parent.mkdir(parents=True)
    shutil.copy2(extension, target)
    unrelated = internal / "numpy.libs" / "libopenblas.so"  # wheels' libraries stay untouched
    unrelated.parent.mkdir()
    shutil.copy2(extension, unrelated)
    saved = tb.strip_python_runtime(tmp_path)
    assert b".symtab" not in target.read_bytes()
    assert saved == extension.stat().st_size - target.stat().st_size
    assert unrelated.read_bytes() == extension.read_bytes()
    ctypes.CDLL(str(target))  # still a loadable shared object


# --- the spec itself, on each platform's branch -------------------------------------------------


class _Recorder:
    """Stands in for PyInstaller's build targets: remembers what the spec asked for."""

    def __init__(self) -> None:
        self.calls: dict[str, list[tuple[tuple[object, ...], dict[str, object]]]] = {}

    def target(self, kind: str):  # type: ignore[no-untyped-def]
        def build(*args: object, **kwargs: object) -> str:
            self.calls.setdefault(kind, []).append((args, kwargs))
            return kind

        return build


class _FakeAnalysis:
    def __init__(self, scripts: list[str], **kwargs: object) -> None:
        self.scripts = scripts
        self.kwargs = kwargs
        self.pure = [("jieba", "/site/jieba/__init__.py", "PYMODULE")]
        self.datas = [
            ("jieba/dict.txt", "/site/jieba/dict.txt", "DATA"),
            ("jieba/lac_small/model_baseline/word_emb", "/site/jieba/lac_small/x", "DATA"),
        ]
        self.binaries: list[tuple[str, str, str]] = []


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_builds_the_right_targets_on_each_platform(
    platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooks = pytest.importorskip("PyInstaller.utils.hooks")
    asked: dict[str, object] = {}

    def collect_submodules(name: str, **options: object) -> list[str]:
        asked.update(options, package=name)
        return [f"{name}.cli"]

    monkeypatch.setattr(hooks, "collect_submodules", collect_submodules)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    icon = _draw_icon(tmp_path / "tifa.png", (512, 512))
    monkeypatch.setattr(tb, "icon_source", lambda: icon)
    monkeypatch.setattr(tb, "strip_python_runtime", lambda folder: 0)
    dist = tmp_path / "dist"
    (dist / "tifa").mkdir(parents=True)
    recorder = _Recorder()
    namespace: dict[str, object] = {
        "SPECPATH": str(PACKAGING),
        "workpath": str(tmp_path / "work"),
        "DISTPATH": str(dist),
        "Analysis": _FakeAnalysis,
        **{kind: recorder.target(kind) for kind in ("PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    spec = PACKAGING / "tifa.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)

    analysis = namespace["a"]
    assert isinstance(analysis, _FakeAnalysis)
    assert [d for d, _, _ in analysis.datas] == ["jieba/dict.txt"]
    assert analysis.kwargs["datas"] == tb.data_files()
    assert "tifa.cli" in analysis.kwargs["hiddenimports"]  # type: ignore[operator]
    assert asked == {"package": "tifa", "on_error": "raise"}  # a broken module stops the build
    assert "PySide6.QtQml" in analysis.kwargs["excludes"]  # type: ignore[operator]
    assert analysis.kwargs["module_collection_mode"] == {"docx.parts": "pyz+py"}
    exes = {kw["name"]: kw for _args, kw in recorder.calls["EXE"]}
    collect_args, collect_kw = recorder.calls["COLLECT"][0]
    assert collect_kw["name"] == "tifa" and collect_args.count("EXE") == len(exes)
    version = tb.project_version()
    if platform == "win32":
        assert set(exes) == {"tifa", "tifa-gui"}
        assert exes["tifa"]["console"] is True and exes["tifa-gui"]["console"] is False
        ico = Path(str(exes["tifa"]["icon"]))
        assert ico.suffix == ".ico" and ico.is_file()
        assert version in Path(str(exes["tifa"]["version"])).read_text(encoding="utf-8")
    else:
        assert set(exes) == {"tifa"} and exes["tifa"]["version"] is None
    if platform == "darwin":
        (_coll,), bundle = recorder.calls["BUNDLE"][0]
        assert bundle["name"] == "Tifa.app" and str(bundle["icon"]).endswith(".icns")
        assert bundle["info_plist"]["CFBundleShortVersionString"] == version  # type: ignore[index]
        assert exes["tifa"]["console"] is False
    else:
        assert "BUNDLE" not in recorder.calls
    if platform == "linux":
        assert exes["tifa"]["console"] is True and exes["tifa"]["icon"] is None
        copied = {p.name for p in (dist / "tifa").iterdir()}
        assert {"tifa.desktop", "install-desktop.sh", "tifa.png"} <= copied


def test_report_text_is_read_across_runs_and_character_references(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml", "<c><is><t>&#30123;&#24773;要防住</t></is></c>"
        )
        archive.writestr(
            "word/document.xml", "<w:r><w:t>动态</w:t></w:r><w:r><w:t>清零</w:t></w:r>"
        )
    assert "疫情要防住" in check_bundle._zip_text(path, "xl/")
    assert "动态清零" in check_bundle._zip_text(path, "word/")
    assert "动态清零" not in check_bundle._zip_text(path, "xl/")


# --- SciPy: only what Tifa imports is bundled -------------------------------------------------

_BLOCKED_RUN = r"""
import importlib.abc, json, sys

blocked = json.loads(sys.argv[1])


class Excluded(importlib.abc.MetaPathFinder):
    # what the bundle leaves out cannot be imported, as in the bundle
    def find_spec(self, name, path, target=None):
        if any(name == b or name.startswith(b + ".") for b in blocked):
            raise ModuleNotFoundError(f"left out of the bundle: {name}", name=name)
        return None


sys.meta_path.insert(0, Excluded())
from tifa.engine.compare import align, similarity

similarity.DENSE_TFIDF_CELLS = 0  # the seeds through SciPy's sparse matrices, as many
align.PREFILTER_MIN_PAIRS = 0     # documents or long ones would take them
from tifa.cli import main

seeds, days, work = sys.argv[2:5]
assert main(["compare", *json.loads(seeds), "--json", f"{work}/r.json"]) == 0
db = f"{work}/c.sqlite"
assert main(["corpus", "--db", db, "add", "--workers", "1", "--quiet", *json.loads(days)]) == 0
assert main(["corpus", "--db", db, "echoes", "--all", "--workers", "1",
             "--json", f"{work}/e.json"]) == 0
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "scipy")))
"""


def test_tifa_runs_without_the_scipy_subpackages_the_bundle_leaves_out(tmp_path: Path) -> None:
    """A comparison (its TF-IDF and alignment prefilter through SciPy's sparse matrices),
    a corpus add and every document's echoes (datasketch, which loads scipy.integrate), in
    a process where the SciPy subpackages excluded from the bundle cannot be imported; the
    documents' clustering is NumPy's and never loads scipy.cluster."""
    blocked = [m for m in tb.excluded_modules() if m.startswith("scipy.")]
    assert "scipy.cluster" in blocked and "scipy.sparse" not in blocked
    seeds = sorted(str(p) for p in (REPO / "seeds").glob("*.txt"))
    days = sorted(str(p) for p in (REPO / "tests/real/corpus/xwlb").glob("2021111[56].md"))
    env = {**os.environ, "PYTHONPATH": str(REPO / "desktop"), "TIFA_WORKERS": "1"}
    import json

    run = subprocess.run(
        [sys.executable, "-c", _BLOCKED_RUN, json.dumps(blocked), json.dumps(seeds),
         json.dumps(days), str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert "scipy.sparse" in loaded and "scipy.integrate" in loaded  # the run used SciPy
    assert not [m for m in loaded if m.split(".")[:2] == ["scipy", "cluster"]]
