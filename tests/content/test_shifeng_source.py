"""Content tests for the 石峰 brochure (data/shifeng): the text is the newspaper article, all of it.

The source is an OCR of a multi-column newspaper page read straight across the
columns (shared/seed/000_df3d885bfdd328a2.txt; copied to tests/content/seed/).
The section files rebuild the article from it; these tests check that

1. the sections hold every sentence of tests/content/shifeng_reference.txt, in order;
2. every OCR fragment of the seed is in the sections (punctuation aside), except
   the few listed below, each with its reason — so a dropped sentence fails;
3. nothing in the sections is invented: their text can be pieced together from
   the seed's fragments (plus the listed corrections and editorial headings);
4. the punctuation is Chinese: no ASCII , : ; " ( ) ? ! next to a Han
   character, no "...", dashes and ellipses only in pairs, no spaces in
   Chinese text, quotation marks paired.

Only PyYAML and the standard library are used.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

HERE = Path(__file__).resolve()
BROCHURE = HERE.parents[2] / "data" / "shifeng"
REFERENCE = HERE.with_name("shifeng_reference.txt")
# The OCR source, a copy of shared/seed/ kept with the tests so that `make test` needs
# nothing beside the clone; test_the_seed_is_the_source_article pins its bytes.
SEED = HERE.with_name("seed") / "000_df3d885bfdd328a2.txt"
SEED_SHA256 = "f5364d5760f053b7dd9b17b88740d0b27a7b2f571d451487b877b12f348b3632"

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# Fragments with fewer Han characters than this (bare numbers, axis labels such as 2012年)
# are not checked.  2 rather than 4, so that short column ends such as 为功。 and 沓来。 count too.
MIN_HAN = 2
# In the no-invention check, a piece of text matched against the seed must be a whole
# fragment or at least this long (shorter matches could be found anywhere).
MIN_PIECE = 4

# --- Seed fragments that are not in the brochure verbatim, and why -----------------------------------------

# The OCR fused the ends of two neighbouring column lines into one fragment
# (no space between them).  Each piece must be in the brochure on its own.
FUSED: dict[str, tuple[str, ...]] = {
    # seed line 23: 积极引导…智能制造、 | 工业设计院已获批…
    "积极引导轨道交通延伸产业、智能制造、工业设计院已获批国家重点培育的工业":
        ("积极引导轨道交通延伸产业、智能制造、", "工业设计院已获批国家重点培育的工业"),
    # seed line 31: …“火车头精 | 动60余个项目…  (火车头精|神” and 推|动60余个项目)
    '以奋勇争先、一往无前的"火车头精动60余个项目竣工投产,助推株洲成为全':
        ('以奋勇争先、一往无前的"火车头精', "动60余个项目竣工投产,助推株洲成为全"),
    # seed line 31: …以创 | 区。今年7月…  (以创|新“过坎” and 集聚|区。)
    "未来产业,主动融入全球创新网络,以创区。今年7月,襄阳电机新能源产业园、智":
        ("未来产业,主动融入全球创新网络,以创", "区。今年7月,襄阳电机新能源产业园、智"),
    # seed line 43: …税收近500亿元的园 | 的村民感慨。
    "以上,累计向国家上缴税收近500亿元的园的村民感慨。":
        ("以上,累计向国家上缴税收近500亿元的园", "的村民感慨。"),
    # seed line 59: …口岸经济四个 | 东西南北的土地上呈现。
    "端智造、科技创新、文创商贸、口岸经济四个东西南北的土地上呈现。":
        ("端智造、科技创新、文创商贸、口岸经济四个", "东西南北的土地上呈现。"),
    # seed line 145: “政府部门专业化程度很高，给 | 证”，需要带着资料…
    '"政府部门专业化程度很高,给证",需要带着资料在指定日期到区里':
        ('"政府部门专业化程度很高,给', '证",需要带着资料在指定日期到区里'),
    # seed line 145: 杆”。…持续 | 通过与水、电、气…
    '杆"。石峰区着力抓改革强创新,持续通过与水、电、气、通信运营商联动,推':
        ('杆"。石峰区着力抓改革强创新,持续', "通过与水、电、气、通信运营商联动,推"),
    # seed line 165: …由康 | 的是群众“急难愁盼”。 (由康|复医生; 减|的是群众…)
    '告诉她,可以申请建立家庭病床,由康的是群众"急难愁盼"。':
        ("告诉她,可以申请建立家庭病床,由康", '的是群众"急难愁盼"。'),
    # seed line 167: …申请建立家 | 用行动交出了…  (石峰|用行动…)
    "措之一。余某作为第一例申请建立家用行动交出了一份沉甸甸的民生答卷。":
        ("措之一。余某作为第一例申请建立家", "用行动交出了一份沉甸甸的民生答卷。"),
}

# OCR slips corrected in the brochure (each is also commented in the YAML).
# The corrected text must be in the brochure, the slip must not.
CORRECTIONS: dict[str, str] = {
    # 03-ecology.yaml: 层 is a misread of 曾 (工业总产值曾一度占株洲的30%以上).
    "犹豫:这个工业总产值层一度占株洲的30%": "犹豫：这个工业总产值曾一度占株洲的30%",
    # 05-urban-rural.yaml: the two villages are listed with a semicolon; the OCR read ； as :.
    "成功创建全国文明村镇、省级美丽乡村示范村:九郎山村成功":
        "成功创建全国文明村镇、省级美丽乡村示范村；九郎山村成功",
}

# Left out of the brochure on purpose.
OMITTED: dict[str, str] = {
    "(本版图片均由石峰区融媒体中心供图)": "photo credit; the brochure has no photographs",
    # Seed lines 65-71: an infographic whose labels the OCR lost (only the figures and
    # the 2012年/2021年 axis remain; the axis years have one Han character and are not
    # checked).  It is not known what the figures measure, so they are not text.
    "31.9亿元": "infographic figure without its label",
    "87.7亿元": "infographic figure without its label",
}

# Blocks drawn from data files carry labels and cell references, not sentences of the
# article; their numbers are checked against the source by test_shifeng_data.py.
DATA_BLOCKS = {"chart", "figures", "table", "image"}

# Headings that are editorial (the newspaper's own were lost); see the YAML comments.
EDITORIAL = {"概述", "产业创新", "转型升级", "生态文明", "绿水青山"}

# Text units that break off inside a quotation because the source lost the rest.
UNPAIRED_QUOTES = {
    "“服务于千家万户，为居民排忧": "only the first line of the paragraph survives",
    "格管理员”模式": "the paragraph's beginning, with the opening “, is lost",
}


# --- Helpers ------------------------------------------------------------------------------------------------


def _load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _strip_markup(text: str) -> str:
    """Remove the inline markup (**bold**, *emphasis*, {name|text}) and unescape \\x."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if char == "{":
            match = re.match(r"\{[A-Za-z0-9_-]+\|", text[i:])
            if match:
                i += match.end()
                continue
        if char in "*}":
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _section_units() -> list[tuple[str, str]]:
    """(file, text) of every text value of the sections, in reading order, markup stripped."""
    manifest = _load(BROCHURE / "brochure.yaml")
    units: list[tuple[str, str]] = []
    for name in manifest["sections"]:
        section = _load(BROCHURE / name)
        for key in ("title", "kicker", "subtitle", "lead"):
            if section.get(key):
                units.append((name, _strip_markup(section[key])))
        for block in section["blocks"]:
            kind = next(iter(block))
            if kind == "page_break" or kind in DATA_BLOCKS:
                continue
            units.append((name, _strip_markup(block[kind])))
            if block.get("attribution"):
                units.append((name, _strip_markup(block["attribution"])))
    return units


def _all_text_values() -> list[tuple[str, str]]:
    """Every text value of the manifest and the sections (for the punctuation checks)."""
    manifest = _load(BROCHURE / "brochure.yaml")
    values = [("brochure.yaml", str(manifest[key])) for key in ("title", "subtitle", "cover_line",
                                                                 "publisher", "date", "subject")
              if manifest.get(key)]
    values += [("brochure.yaml", str(word)) for word in manifest.get("keywords", [])]
    return values + _section_units()


def _sentences(text: str) -> list[str]:
    """Split after 。！？ or …… (with any closing quotes); an unfinished tail is a sentence too."""
    return [s for s in re.findall(r".*?(?:[。！？]|……)[”’）]*|.+$", text) if s]


def _core(text: str) -> str:
    """Han characters, ASCII digits and letters only: the OCR's punctuation and spacing do not count."""
    return re.sub(rf"[^{HAN}A-Za-z0-9]", "", text)


def _han_count(text: str) -> int:
    return len(re.findall(rf"[{HAN}]", text))


def _normalise(fragment: str) -> str:
    """ASCII punctuation of the OCR → full width, as in the brochure (quotes alternate “ ”)."""
    table = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
    out: list[str] = []
    quote_open = False
    for char in fragment:
        if char == '"':
            out.append("”" if quote_open else "“")
            quote_open = not quote_open
        else:
            out.append(table.get(char, char))
    return "".join(out)


def test_the_seed_is_the_source_article() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def _seed_fragments() -> list[str]:
    """The seed's OCR fragments: each line split on whitespace.

    A bare number that the OCR set between spaces ("261 家", "度 6.7%, 完成", "67.6 亿元")
    is joined to its neighbours first; other spaces separate pieces of different columns.
    """
    assert SEED.is_file(), f"seed file not found: {SEED}"
    fragments: list[str] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\s+(\d[\d.]*%?,?)\s+", r"\1", line)
        fragments.extend(line.split())
    return fragments


def _checked_fragments() -> list[str]:
    return [f for f in _seed_fragments() if _han_count(f) >= MIN_HAN]


# --- 1. Reference sentences, in order -----------------------------------------------------------------------


def test_reference_sentences_in_order():
    units = [text for _, text in _section_units()]
    joined = "\n".join(units)
    lines = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 100, "the reference file looks truncated"
    position = 0
    for number, line in enumerate(lines, 1):
        found = joined.find(line, position)
        assert found >= 0, (f"reference line {number} is missing from the sections "
                            f"(or out of order): {line}")
        position = found + len(line)


def test_reference_is_complete():
    """Every sentence of the sections is in the reference, in the same order (no unreviewed text)."""
    sentences = [s for _, text in _section_units() for s in _sentences(text)]
    lines = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sentences == lines


# --- 2. Coverage of the seed --------------------------------------------------------------------------------


def test_every_seed_fragment_is_in_the_brochure():
    units = _section_units()
    cores = "|".join(_core(text) for _, text in units)
    full = "\n".join(text for _, text in units)
    fragments = _checked_fragments()
    assert len(fragments) > 300, "the seed looks truncated"

    missing: list[str] = []
    for fragment in fragments:
        if fragment in OMITTED:
            continue
        if fragment in CORRECTIONS:
            corrected = CORRECTIONS[fragment]
            assert corrected in full, f"correction not applied: {corrected}"
            assert _normalise(fragment) not in full, f"OCR slip still present: {fragment}"
            continue
        pieces = FUSED.get(fragment, (fragment,))
        missing += [piece for piece in pieces if _core(piece) not in cores]
    assert not missing, "seed fragments missing from the brochure:\n" + "\n".join(missing)


def test_allowlists_match_the_seed():
    """Each listed fragment really is in the seed, and fused pieces add up to the fragment."""
    fragments = set(_checked_fragments())
    for listed in (*FUSED, *CORRECTIONS, *OMITTED):
        assert listed in fragments, f"not a fragment of the seed (stale allowlist entry): {listed}"
    for fragment, pieces in FUSED.items():
        assert "".join(pieces) == fragment


# --- 3. Nothing invented ------------------------------------------------------------------------------------


def test_no_text_beyond_the_seed():
    """Each text unit is a run of seed fragments: greedy longest matches against the (corrected) seed
    must be whole fragments or at least MIN_PIECE characters long."""
    corrected = [CORRECTIONS.get(f, f) for f in _seed_fragments()]
    seed_cores = [_core(f) for f in corrected]
    whole = set(filter(None, seed_cores))
    haystack = "|".join(seed_cores)
    problems: list[str] = []
    for name, text in _section_units():
        if text in EDITORIAL:
            continue
        core = _core(text)
        start = 0
        while start < len(core):
            length = next((n for n in range(len(core) - start, 0, -1)
                           if core[start:start + n] in haystack), 0)
            piece = core[start:start + max(length, 1)]
            if length == 0 or (length < MIN_PIECE and piece not in whole):
                problems.append(f"{name}: {piece!r} in {text[:30]}…")
            start += max(length, 1)
    assert not problems, "text not found in the seed:\n" + "\n".join(problems)


# --- 4. Chinese punctuation ---------------------------------------------------------------------------------


def test_no_ascii_punctuation_next_to_han():
    bad = re.compile(rf"[{HAN}][,:;\"()?!]|[,:;\"()?!][{HAN}]")
    problems = [f"{name}: {text}" for name, text in _all_text_values() if bad.search(text)]
    assert not problems, "\n".join(problems)


def test_ellipsis_and_dash_in_pairs():
    problems: list[str] = []
    for name, text in _all_text_values():
        if "..." in text:
            problems.append(f"{name}: ASCII ... in {text}")
        for run in re.findall(r"…+|—+", text):
            if len(run) != 2:
                problems.append(f"{name}: {run!r} (use …… or ——) in {text}")
    assert not problems, "\n".join(problems)


def test_no_spaces_in_chinese_text():
    space = re.compile(rf"[{HAN}，。、；：？！“”（）]\s|\s[{HAN}，。、；：？！“”（）]")
    problems = [f"{name}: {text}" for name, text in _all_text_values() if space.search(text)]
    assert not problems, "\n".join(problems)


def test_quotation_marks_paired():
    problems: list[str] = []
    for name, text in _section_units():
        if any(text.startswith(prefix) for prefix in UNPAIRED_QUOTES):
            continue
        stack: list[str] = []
        for char in text:
            if char in "“‘":
                if stack and stack[-1] == char:
                    problems.append(f"{name}: {char} inside {char} (nested quotes use ‘ ’): {text}")
                stack.append(char)
            elif char in "”’":
                opening = "“" if char == "”" else "‘"
                if not stack or stack.pop() != opening:
                    problems.append(f"{name}: unmatched {char}: {text}")
                    break
        if stack:
            problems.append(f"{name}: unclosed {''.join(stack)}: {text}")
    assert not problems, "\n".join(problems)
