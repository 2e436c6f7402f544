"""Whole-build benchmark: `report build` as a user runs it, process start to PDF written.

    python bench/bench_build.py [--runs N] [--long-runs N] [--only NAME ...]

Scenarios (each a fresh `python -m report build` process, several runs):

- shifeng cold:  the 石峰 brochure with an empty cache (build/.cache deleted before each run);
- shifeng warm:  the same, rebuilt with nothing changed;
- shifeng edit:  rebuilt after editing one paragraph (a few characters the brochure already has,
                 inserted and removed in turn, so every run sees a changed source);
- long cold:     a 300-page brochure made by repeating the 石峰 sections under other titles,
                 with an empty cache;
- long warm:     the same, rebuilt with nothing changed;
- long edit:     rebuilt after editing one paragraph in the middle of it.

Each row gives the median wall time, the spread (min–max), the median CPU time (user +
system, of the build and the process it starts for charts; less disturbed than wall time when
other work shares the machine), the peak resident memory of the build process (os.wait4's
ru_maxrss), the page count and the file size. The
table is printed and the numbers are written to build/bench.json under "build" (other
benchmarks may keep their own keys in that file). Speed is measured here, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "data" / "shifeng"
WORK = REPO / "build" / "bench"
LONG_REPEATS = 35  # copies of the six 石峰 sections: about 300 pages
EDIT_FILE = "04-reform.yaml"
EDIT_LINE = "  - paragraph: 2020年，石峰区网格化治理创新入选全国各地100家社会治理创新优秀案例。"


@dataclass
class Row:
    name: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system: less disturbed by other load
    peak_kib: list[int] = field(default_factory=list)
    pages: int = 0
    size: int = 0

    def summary(self) -> dict[str, object]:
        return {
            "runs": len(self.seconds),
            "median_s": round(statistics.median(self.seconds), 3),
            "min_s": round(min(self.seconds), 3),
            "max_s": round(max(self.seconds), 3),
            "median_cpu_s": round(statistics.median(self.cpu), 3),
            "peak_mib": round(max(self.peak_kib) / 1024, 1),
            "pages": self.pages,
            "bytes": self.size,
            "all_s": [round(s, 3) for s in self.seconds],
        }


def run_build(brochure: Path, output: Path, edition: str = "email") -> tuple[float, float, int]:
    """One `report build` process: (wall seconds, CPU seconds, peak RSS in KiB of that process)."""
    command = [sys.executable, "-m", "report", "build", str(brochure), "-o", str(output),
               "-q", "--edition", edition]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, unlike RUSAGE_CHILDREN
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"build of {brochure} failed ({process.returncode}):\n{errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss  # KiB on Linux


def page_count(pdf: Path) -> int:
    import pikepdf  # in the benchmark's process, not in the timed one

    with pikepdf.open(pdf) as document:
        return len(document.pages)


# --- the brochures --------------------------------------------------------------------------------


def fresh_copy(target: Path) -> Path:
    """A copy of the 石峰 brochure that the edit scenario may change."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SOURCE, target)
    return target


def long_brochure(target: Path, repeats: int = LONG_REPEATS) -> Path:
    """The 石峰 sections `repeats` times, each copy's part titled differently."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SOURCE / "data", target / "data")
    shutil.copy(SOURCE / "theme.yaml", target / "theme.yaml")
    manifest = (SOURCE / "brochure.yaml").read_text(encoding="utf-8")
    head, _, sections_text = manifest.partition("\nsections:\n")
    originals = re.findall(r"^  - (\S+\.yaml)", sections_text, flags=re.M)
    names = []
    for copy in range(1, repeats + 1):
        for original in originals:
            name = f"{copy:02d}-{original}"
            text = (SOURCE / original).read_text(encoding="utf-8")
            text = re.sub(r"^title: (\S+).*$", lambda m, c=copy: f"title: {m.group(1)}（{c}）",
                          text, count=1, flags=re.M)
            (target / name).write_text(text, encoding="utf-8")
            names.append(name)
    listing = "".join(f"  - {name}\n" for name in names)
    (target / "brochure.yaml").write_text(f"{head}\nsections:\n{listing}", encoding="utf-8")
    return target


class ParagraphEdit:
    """Alternately inserts and removes a few characters of one paragraph."""

    INSERT = "石峰区"  # characters the brochure already has: the character set stays the same

    def __init__(self, brochure: Path, file: str = EDIT_FILE) -> None:
        self.path = brochure / file
        self.original = self.path.read_text(encoding="utf-8")
        if EDIT_LINE not in self.original:
            raise SystemExit(f"{self.path}: the paragraph to edit is not there any more")
        self.edited = self.original.replace(EDIT_LINE, EDIT_LINE.replace("。", f"，{self.INSERT}。", 1))
        self.toggle = False

    def next(self) -> None:
        self.toggle = not self.toggle
        self.path.write_text(self.edited if self.toggle else self.original, encoding="utf-8")


# --- scenarios ------------------------------------------------------------------------------------


def measure(name: str, brochure: Path, output: Path, runs: int, before=None) -> Row:  # noqa: ANN001
    row = Row(name)
    for _ in range(runs):
        if before is not None:
            before()
        seconds, cpu, peak = run_build(brochure, output)
        row.seconds.append(seconds)
        row.cpu.append(cpu)
        row.peak_kib.append(peak)
        print(f"  {name:<14} {seconds:6.2f} s {cpu:6.2f} s cpu {peak / 1024:6.0f} MiB", file=sys.stderr)
    row.pages, row.size = page_count(output), output.stat().st_size
    return row


def scenarios(runs: int, long_runs: int, only: set[str] | None) -> list[Row]:
    shifeng = fresh_copy(WORK / "shifeng")
    out = WORK / "out" / "shifeng.pdf"
    cache = out.parent / ".cache"
    long = long_brochure(WORK / "long")
    long_out = WORK / "out-long" / "long.pdf"
    long_cache = long_out.parent / ".cache"

    def wanted(name: str) -> bool:
        return only is None or name in only

    rows = []
    if wanted("shifeng cold"):
        rows.append(measure("shifeng cold", shifeng, out, runs, lambda: shutil.rmtree(cache, True)))
    if wanted("shifeng warm") or wanted("shifeng edit"):
        run_build(shifeng, out)  # fill the cache
    if wanted("shifeng warm"):
        rows.append(measure("shifeng warm", shifeng, out, runs))
    if wanted("shifeng edit"):
        edit = ParagraphEdit(shifeng)
        rows.append(measure("shifeng edit", shifeng, out, runs, edit.next))
    if wanted("long cold"):
        rows.append(measure("long cold", long, long_out, long_runs,
                            lambda: shutil.rmtree(long_cache, True)))
    if wanted("long warm") or wanted("long edit"):
        run_build(long, long_out)
    if wanted("long warm"):
        rows.append(measure("long warm", long, long_out, long_runs))
    if wanted("long edit"):
        edit = ParagraphEdit(long, f"{LONG_REPEATS // 2:02d}-{EDIT_FILE}")
        rows.append(measure("long edit", long, long_out, long_runs, edit.next))
    return rows


def table(rows: list[Row]) -> str:
    lines = [f"{'scenario':<14} {'median':>8} {'spread':>15} {'cpu':>7} {'peak':>9} {'pages':>6} {'size':>8}"]
    for row in rows:
        s = row.summary()
        lines.append(f"{row.name:<14} {s['median_s']:>7.2f}s {s['min_s']:>6.2f}–{s['max_s']:<6.2f}s "
                     f"{s['median_cpu_s']:>6.2f}s {s['peak_mib']:>6.0f}MiB {row.pages:>6} "
                     f"{row.size / 1e6:>6.2f}MB")
    return "\n".join(lines)


def write_json(rows: list[Row], path: Path) -> None:
    """Our rows under "build"; what other benchmarks wrote to the file stays."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data["build"] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "scenarios": {row.name: row.summary() for row in rows},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def compile_bytecode() -> None:
    """Our modules' bytecode, as Python caches it after a first run.

    Where PYTHONDONTWRITEBYTECODE is set (as in some sandboxes) Python would
    compile every module of ours from source in every measured run; a user's
    Python writes __pycache__ once. Written here so that runs measure builds.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "report")], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of each 石峰 scenario (default 5)")
    parser.add_argument("--long-runs", type=int, default=3, help="runs of each long scenario (default 3)")
    parser.add_argument("--only", nargs="*", help="scenario names to run, e.g. 'shifeng warm'")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench.json")
    args = parser.parse_args()
    compile_bytecode()
    rows = scenarios(args.runs, args.long_runs, set(args.only) if args.only else None)
    print(table(rows))
    write_json(rows, args.out)
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
