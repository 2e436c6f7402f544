"""The builder as a process: Ctrl-C mid-layout, and which files it opens.

Both run `python -m report` in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report.cli import main
from report.output import files
from tests.conftest import MANIFEST, REPO

PYTHON = sys.executable


def brochure(root: Path, paragraph: str) -> Path:
    folder = root / "b"
    folder.mkdir()
    (folder / "brochure.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "a.yaml").write_text(f"title: 第一部分\nblocks:\n  - paragraph: '{paragraph}'\n",
                                   encoding="utf-8")
    return folder


def test_ctrl_c_mid_layout_keeps_the_previous_pdf(tmp_path: Path) -> None:
    folder = brochure(tmp_path, "石峰区全社会研发经费投入持续增长，" * 3000)  # about 5 s of layout
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.pdf").write_bytes(b"%PDF-1.4 the previous build\n")
    build = subprocess.Popen([PYTHON, "-u", "-m", "report", "build", str(folder), "-o", str(out / "b.pdf")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        for line in build.stdout:  # progress lines: load, then assets; layout starts right after
            if line.split()[0] == "assets":
                break
        time.sleep(0.5)
        assert build.poll() is None, "the build ended before it could be interrupted"
        build.send_signal(signal.SIGINT)
        _, err = build.communicate(timeout=60)
    finally:
        build.kill()
    assert build.returncode == 130
    assert err == "report: interrupted; the previous PDF is unchanged\n"
    assert (out / "b.pdf").read_bytes() == b"%PDF-1.4 the previous build\n"
    assert sorted(p.name for p in out.iterdir() if p.name != ".cache") == ["b.pdf"]  # cache: see test_cache


def test_ctrl_c_while_writing_removes_the_temporary_file(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = brochure(tmp_path, "正文。")
    (tmp_path / "out.pdf").write_bytes(b"previous")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    assert main(["build", str(folder), "-o", str(tmp_path / "out.pdf"), "-q"]) == 130
    assert capsys.readouterr().err == "report: interrupted; the previous PDF is unchanged\n"
    assert (tmp_path / "out.pdf").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["b", "out.pdf"]


AUDIT = """
import json, os, sys
opened = []

def audit(event, args):
    if event in ("open", "os.listdir", "os.scandir") and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append((event, os.path.abspath(os.fsdecode(args[0]))))

sys.addaudithook(audit)
from report.cli import main  # imports are audited too

codes = [main(argv) for argv in json.loads(sys.argv[1])]
json.dump({"codes": codes, "opened": opened}, sys.stdout)
"""


def test_no_file_is_opened_outside_the_brochure_fonts_output_and_python(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: 机密\nblocks: []\n", encoding="utf-8")
    folder = brochure(tmp_path, '<img src="/etc/passwd"/> <a href="file:///etc/hostname">链接</a> '
                                '<font name="/etc/shadow">字</font>')
    leaky = tmp_path / "leaky"
    leaky.mkdir()
    (leaky / "brochure.yaml").write_text(MANIFEST.replace("a.yaml", "link.yaml\n  - ../secret.yaml\n"
                                                          "  - /etc/passwd"), encoding="utf-8")
    (leaky / "link.yaml").symlink_to(secret)
    out = tmp_path / "out"
    runs = [["build", str(folder), "-o", str(out / "b.pdf"), "-q"],
            ["build", str(leaky), "-o", str(out / "leaky.pdf"), "-q"]]
    # -P: no working folder on sys.path, as for the installed `report` command (with `python -c`
    # the import system would list the working folder whenever a stage is imported lazily).
    done = subprocess.run([PYTHON, "-P", "-c", AUDIT, json.dumps(runs)], capture_output=True, text=True,
                          cwd=tmp_path, check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    result = json.loads(done.stdout)
    assert result["codes"] == [0, 1]
    # pikepdf's PDF/A writer (email edition) uses an anonymous scratch file, tempfile.TemporaryFile,
    # in the system's temporary folder: created empty and never named, so nothing of the user's.
    scratch = Path(tempfile.gettempdir())
    allowed = [folder, leaky, REPO / "fonts", out, REPO / "report", Path(sys.prefix),
               Path(sys.base_prefix), Path(sys.exec_prefix)]
    # The editable install puts the project folder itself on sys.path: the import system may list
    # it (never open anything in it) when a module is imported lazily and found nowhere before it.
    on_sys_path = {("os.listdir", str(REPO)), ("os.scandir", str(REPO))}
    outside = sorted({(event, path) for event, path in result["opened"]
                      if not any(Path(path).is_relative_to(root) for root in allowed)
                      and scratch not in (Path(path), Path(path).parent)
                      and (event, path) not in on_sys_path})
    # ReportLab lists (never opens) the system font folders once, when it is imported, for a
    # search path that is only used for font names without a folder; ours always have one.
    assert [entry for entry in outside if not entry[1].startswith("/usr/share/fonts/")] == []
    assert {event for event, _ in outside} <= {"os.scandir", "os.listdir"}
    opened = {Path(path) for _, path in result["opened"]}
    assert folder / "a.yaml" in opened and REPO / "fonts" / "NotoSerifSC-Regular.ttf" in opened  # audited
    assert secret not in opened and Path("/etc/passwd") not in opened
