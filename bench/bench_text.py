"""Benchmark of the Chinese text engine: dense two-column pages per second and peak memory.

    python bench/bench_text.py            # 5 runs of 300 pages + 3 of 100 pages, writes build/bench-text.json
    python bench/bench_text.py --child --pages 300      # one run, prints its JSON (used by the above)
    python bench/bench_text.py --profile --pages 100    # one run under cProfile, top functions

The body paragraphs of the 石峰 brochure (data/shifeng) are repeated until they
fill the requested number of A4 pages set like the brochure's body: two
columns of 25 characters, Noto Serif SC 10.5 pt on an 18 pt grid, 2 em indent,
justified, widow/orphan control, drawn and written as a PDF in memory.

Each run is a separate process, so caches and memory start cold-ish and the
peak resident size (getrusage maxrss) belongs to that run alone. The timed part
is the layout (platypus doc.build: breaking, justification, splitting, drawing,
writing the PDF as report.layout writes it, without ASCII85); loading YAML,
registering fonts and making the story are not timed. Memory must not grow
with the page count: the 100- and 300-page peaks are compared. Besides wall
time, CPU time is reported: on a shared machine it is the steadier number.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RUNS = 5
SMALL_RUNS = 3
ROTATE = 7  # characters each paragraph moves on per round (see make_story)
FILL = 0.912  # share of a page's character cells holding text (paragraph ends are short)
PAGES = 300
SMALL_PAGES = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help="do one run and print its JSON")
    parser.add_argument("--profile", action="store_true", help="one run under cProfile")
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--serial", action="store_true", help="no helper process (--child only)")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench-text.json")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.pages, helper=not args.serial)))
        return 0
    if args.profile:
        return profile(args.pages)
    return parent(args.pages, args.runs, args.out)


# --- one run (child process) -------------------------------------------------------------------


def one_run(pages: int, helper: bool = True) -> dict[str, float]:
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from report.layout.document import CompactCanvas, binary_streams
    from report.layout.text.linestore import LineStore, storing_lines
    from report.layout.text.prefetch import supply

    story, grid, size = make_story(pages)
    paragraphs = len(story)
    rss_before = _maxrss_mib()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=size, invariant=1, leftMargin=0, rightMargin=0,
                          topMargin=0, bottomMargin=0)
    frames = [Frame(grid.column_x(1, i), grid.bottom, grid.column_width, grid.text_height,
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"c{i}")
              for i in range(2)]
    doc.addPageTemplates([PageTemplate("body", frames)])
    start, cpu = time.perf_counter(), time.process_time()
    # As report.layout.document lays out a brochure's columns: a helper process sets
    # paragraphs from the end while the layout sets them from the start. The store keeps
    # nothing (keep=False): no paragraph repeats here, and memory must not grow.
    with storing_lines(LineStore(keep=False)) as store, binary_streams():
        if helper:
            supply(store, [block.lines_key(round(grid.column_width, 3)) for block in story])
        doc.build(story, canvasmaker=CompactCanvas)
        from_helper = store.hits
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "pages": doc.page,
        "seconds": seconds,
        "pages_per_second": doc.page / seconds,
        "cpu_pages_per_second": doc.page / cpu,
        "maxrss_mib": _maxrss_mib(),
        "maxrss_before_layout_mib": rss_before,
        "helper_maxrss_mib": children.ru_maxrss / 1024,
        "helper_cpu_seconds": children.ru_utime + children.ru_stime,
        "helper_system_seconds": children.ru_stime,
        "helper_minor_faults": children.ru_minflt,
        "paragraphs": paragraphs,
        "paragraphs_from_helper": from_helper,
        "pdf_bytes": len(buffer.getvalue()),
    }


def make_story(pages: int):  # noqa: ANN201 - (story, grid, page size)
    """TextBlocks of the brochure's body paragraphs, enough for about `pages` pages.

    Each time round the paragraphs, every paragraph starts a few characters
    further on (its text rotated), so no line is set twice: a repeated
    paragraph would let caches of positions or glyph runs look better than
    they are on a real book. A short paragraph comes back to its own text
    after a few rounds; from then on it is left out, so no paragraph repeats.
    """
    from report.layout.geometry import make_grid
    from report.layout.text import Span, TextBlock, TextStyle
    from report.load import load_brochure
    from report.model import Paragraph

    brochure = load_brochure(REPO / "data" / "shifeng")
    fonts = register_fonts(brochure)
    grid = make_grid(brochure.page, brochure.theme)
    body = TextStyle(fonts.song, brochure.theme.sizes.body)
    texts = [block.text.plain for section in brochure.sections for block in section.blocks
             if isinstance(block, Paragraph)]
    lines = int(grid.text_height / grid.leading + 1e-6)
    per_page = 2 * lines * int(grid.column_width / body.size + 1e-6)
    story, total, i, seen = [], 0, 0, set()
    while total < pages * per_page * FILL:
        text = texts[i % len(texts)]
        turn = (i // len(texts)) * ROTATE % len(text)
        i += 1
        rotated = text[turn:] + text[:turn]
        if rotated in seen:
            continue
        seen.add(rotated)
        story.append(TextBlock([Span(rotated, body)], leading=grid.leading, first_indent=2 * body.size))
        total += len(text)
    return story, grid, (brochure.page.width, brochure.page.height)


def register_fonts(brochure):  # noqa: ANN001, ANN201 - Brochure → Fonts
    from report.assets import prepare_assets
    from report.assets.fonts import PROJECT_FONTS

    return prepare_assets(brochure, PROJECT_FONTS).fonts


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def profile(pages: int) -> int:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    result = one_run(pages)
    profiler.disable()
    print(json.dumps(result))
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


# --- the parent: whole-process runs, median and spread -----------------------------------------


def parent(pages: int, runs: int, out: Path) -> int:
    big = [child(pages) for _ in range(runs)]
    small = [child(SMALL_PAGES) for _ in range(SMALL_RUNS)]
    speeds = [r["pages_per_second"] for r in big]
    summary = {
        "pages": big[0]["pages"],
        "runs": runs,
        "pages_per_second_median": statistics.median(speeds),
        "pages_per_second_min": min(speeds),
        "pages_per_second_max": max(speeds),
        "cpu_pages_per_second_median": statistics.median(r["cpu_pages_per_second"] for r in big),
        "maxrss_mib_median": statistics.median(r["maxrss_mib"] for r in big),
        "maxrss_mib_small_median": statistics.median(r["maxrss_mib"] for r in small),
        "small_pages": small[0]["pages"],
        "python": sys.version.split()[0],
        "run_details": big + small,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"{summary['pages']} pages, {runs} runs: "
          f"{summary['pages_per_second_median']:.1f} pages/s median "
          f"(min {summary['pages_per_second_min']:.1f}, max {summary['pages_per_second_max']:.1f}); "
          f"{summary['cpu_pages_per_second_median']:.1f} pages per CPU second")
    print(f"peak memory: {summary['maxrss_mib_median']:.0f} MiB at {summary['pages']} pages, "
          f"{summary['maxrss_mib_small_median']:.0f} MiB at {summary['small_pages']} pages")
    print(f"wrote {out}")
    return 0


def child(pages: int) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", "--pages", str(pages)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


if __name__ == "__main__":
    raise SystemExit(main())
