"""Whatever is typed, a build succeeds or reports diagnostics; what succeeds is complete and repeatable.

Random text (all of Unicode, weighted toward Chinese and punctuation), random
YAML trees in the shape of a brochure, and random bytes as a section file.
Builds run in this process: fonts are registered once (about 0.3 s each).
`make test` runs a fixed handful of examples; `make fuzz` thousands.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import event, example, given
from hypothesis import strategies as st

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.diagnostics import BuildError
from report.load import load_brochure
from report.load.brochure import BLOCK_OPTIONS, MANIFEST_KEYS, SECTION_KEYS
from tests.pdftools import body_texts, squeeze

PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』——……·～%‰℃°・!?,.;:'\"()[]<>&/\\*{}|#@-_+=~`$^"
HAN = st.integers(0x4E00, 0x9FFF).map(chr)
SAFE = st.one_of(HAN, HAN, HAN, st.sampled_from(PUNCTUATION), st.characters(min_codepoint=0x20,
                 max_codepoint=0x7E), st.sampled_from("𠂇𤇾 \u3000\u00a0\n"))
WILD = st.one_of(SAFE, st.characters(), st.integers(0x20000, 0x2A6DF).map(chr),
                 st.sampled_from("\t\u200b\u200d\ufeff\u202e\u00ad\u0301שلم😀👍🏽\ufe0f\x00\x07\x1b\u2028"))
# Most texts only use characters the fonts have, so that most builds get all the way to a PDF.
SAFE_TEXT = st.text(SAFE, min_size=1, max_size=200)
TEXT = st.one_of(SAFE_TEXT, SAFE_TEXT, SAFE_TEXT, st.text(WILD, min_size=1, max_size=60))


def literal(text: str) -> str:
    """`text` with our inline markup escaped, so the reader sees exactly these characters."""
    return "".join("\\" + char if char in "\\*{}|" else char for char in text)


def write(folder: Path, files: dict[str, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if not isinstance(content, bytes):  # keys in the order given: a block's type comes first
            content = yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode("utf-8")
        (folder / name).write_bytes(content)


def build_or_diagnose(folder: Path, out: Path) -> bytes | None:
    """The PDF, or None when the input has errors; any other exception fails the test."""
    try:
        build(folder, out, PROJECT_FONTS)
    except BuildError as error:
        assert error.diagnostics and all(d.render() for d in error.diagnostics)
        assert not out.exists()  # nothing written
        event(f"refused: {_kind(error.diagnostics[0].message)}")
        return None
    event("built")
    return out.read_bytes()


def _kind(message: str) -> str:
    """A message without its particulars, for the statistics of `make fuzz`."""
    return " ".join(word for word in message.split()[:4] if word.isascii() and "'" not in word)


@given(paragraphs=st.lists(TEXT, min_size=1, max_size=3), title=TEXT)
@example(paragraphs=["一"], title="一一一一一一一一一一-")  # make fuzz: a hyphen ending a line (pdftools)
def test_random_text_is_printed_whole_and_in_order_or_refused(paragraphs: list[str], title: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        write(root / "b", {
            "brochure.yaml": {"title": "测试手册", "publisher": "单位", "date": "2026年", "toc": False,
                              "sections": ["a.yaml"]},
            "a.yaml": {"title": literal(title), "opener": False,
                       "blocks": [{"paragraph": literal(text)} for text in paragraphs]},
        })
        pdf = build_or_diagnose(root / "b", root / "1.pdf")
        if pdf is None:
            return
        body = squeeze("".join(body_texts(root / "1.pdf", 20, 22)))
        assert squeeze(title + "".join(paragraphs)) in body
        assert build_or_diagnose(root / "b", root / "2.pdf") == pdf  # byte for byte


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.sampled_from([
    "A4", "B5", "[210mm, 297mm]", "20mm", "1e400mm", "-3pt", "#0E4C7D", "#FFF", "true", "NO", "yes",
    "1.10", "08", "~", "a.yaml", "b.yaml", "../a.yaml", "/etc/passwd", "https://x.org/a.yaml", ".",
    "**粗", "{accent|色}", "{red|红}", "NotoSansSC-Regular.ttf", "Missing.ttf", "",
]))
KEY = st.one_of(st.sampled_from(MANIFEST_KEYS + SECTION_KEYS + tuple(BLOCK_OPTIONS) + (
    "level", "attribution", "size", "margins", "fonts", "colors", "sizes", "layout", "song", "hei",
    "regular", "bold", "columns", "gutter", "body", "accent", "top")), st.text(max_size=8))
TREE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                    st.dictionaries(KEY, inner, max_size=4)), max_leaves=12)


MARKUP = st.sampled_from(["**粗体**", "*强调*", "{accent|色}", "{brand|品牌}", "\\*", "**", "{", "}"])
WELL_MARKED = st.sampled_from(["**粗体**", "*强调*", "{accent|色}", "{muted|灰}", "\\*"])
FONTS = ["NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf", "NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"]
COLOR = st.integers(0, 0xFFFFFF).map(lambda value: f"#{value:06X}")
COLOR_NAMES = st.sampled_from(["text", "accent", "accent2", "muted", "rule", "tint", "paper", "brand"])
SIZE_NAMES = st.sampled_from(["body", "leading", "lead", "lead_leading", "cover_title", "part_title",
                              "part_number", "heading", "heading3", "subhead", "quote", "caption", "running"])


class Shapes:
    """Strategies for the files of a brochure: well-formed, or (junk=True) with anything anywhere.

    Half the examples are well-formed in shape, so that many get past the
    loader into fonts and layout; the other half put arbitrary YAML in any place.
    """

    def __init__(self, junk: bool) -> None:
        self.junk = junk
        text = TEXT if junk else SAFE_TEXT
        rich = st.one_of(text.map(literal), text.map(literal),
                         st.builds(lambda a, m, b: literal(a) + m + literal(b), text,
                                   MARKUP if junk else WELL_MARKED, text))
        wrong = ["Missing.ttf", "OFL.txt", "../fonts/NotoSansSC-Bold.ttf", "x" * 300 + ".ttf", "."]
        font = st.one_of(st.sampled_from(FONTS + wrong), text) if junk else st.sampled_from(FONTS)
        names = st.one_of(st.sampled_from(["a.yaml", "b.yaml", "x" * 300 + ".yaml", "../b/a.yaml",
                                           "./a.yaml", "c/../a.yaml", "a.yaml/", "A.YAML", "/dev/zero",
                                           ".", "brochure.yaml", "theme.yaml"]), text)
        family = self.some(regular=font, bold=font) if junk else st.fixed_dictionaries(
            {"regular": font, "bold": font})
        length = st.builds(lambda number, unit: f"{number:g}{unit}",
                           st.floats(-10, 400, allow_nan=False) if junk else st.floats(0, 30),
                           st.sampled_from(["mm", "cm", "pt", "in", "", "px"] if junk else ["mm", "pt"]))
        size = st.lists(st.floats(100, 300).map(lambda mm: f"{mm:.0f}mm"), min_size=2, max_size=2)
        page = self.some(size=st.one_of(st.sampled_from(["A4", "A5", "B5"] + (["Letter"] if junk else [])),
                                        st.lists(length, min_size=2, max_size=2) if junk else size),
                         margins=self.some(top=length, bottom=length, inside=length, outside=length))
        self.theme = self.mostly(self.some(
            fonts=self.some(song=family, hei=family),
            colors=st.dictionaries(COLOR_NAMES, self.mostly(COLOR), max_size=3),
            sizes=st.dictionaries(SIZE_NAMES, self.mostly(st.floats(0, 250) if junk else st.floats(8, 40)),
                                  max_size=3),
            layout=self.some(columns=st.integers(0, 4) if junk else st.integers(1, 3),
                             gutter=st.floats(0, 8) if junk else st.floats(0.5, 6))))
        block = st.one_of(
            st.builds(lambda text: {"paragraph": text}, self.mostly(rich)),
            st.builds(lambda text: {"paragraph": text}, self.mostly(rich)),
            st.builds(lambda text, extra: {"heading": text, **extra}, self.mostly(rich),
                      self.some(level=st.integers(1, 4))),
            st.builds(lambda text: {"subhead": text}, self.mostly(rich)),
            st.builds(lambda text, extra: {"quote": text, **extra}, self.mostly(rich),
                      self.some(attribution=rich)),
            st.builds(lambda value: {"page_break": value}, self.mostly(st.just(True))),
            *([st.builds(lambda kind, value: {kind: value}, KEY, TREE)] if junk else []),
        )
        self.section = self.mostly(st.builds(
            lambda title, blocks, rest: {"title": title, "blocks": blocks, **rest},
            self.mostly(rich), self.mostly(st.lists(block, max_size=6)),
            self.some(kicker=rich, subtitle=rich, lead=rich, opener=st.booleans())))
        self.manifest = self.some(
            title=rich, subtitle=rich, cover_line=rich, publisher=rich, date=rich, subject=text,
            language=st.sampled_from(["zh-CN", "en"]), keywords=st.lists(text, max_size=3), page=page,
            toc=st.booleans(), **({"sections": st.lists(names, max_size=3), "theme": names} if junk else {}))

    def mostly(self, valid: st.SearchStrategy) -> st.SearchStrategy:
        """A value of the right shape; with junk, sometimes anything at all."""
        return st.one_of(valid, valid, valid, TREE) if self.junk else valid

    def some(self, **fields: st.SearchStrategy) -> st.SearchStrategy:
        """A mapping with any of `fields`; with junk, now and then a stray key."""
        known = st.fixed_dictionaries({}, optional={name: self.mostly(v) for name, v in fields.items()})
        if not self.junk:
            return known
        stray = st.one_of(st.just({}), st.just({}), st.just({}), st.dictionaries(KEY, TREE, max_size=1))
        return st.builds(lambda a, b: {**b, **a}, known, stray)


BROCHURE = st.one_of(*(st.tuples(shapes.manifest, shapes.theme, shapes.section, shapes.section)
                       for shapes in (Shapes(junk=False), Shapes(junk=True))))


@given(files=BROCHURE)
def test_random_yaml_trees_build_or_report(files: tuple) -> None:
    manifest, theme, first, second = files
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        base = {"title": "测试手册", "publisher": "单位", "date": "2026年", "theme": "theme.yaml",
                "sections": ["a.yaml", "b.yaml"]}
        write(root / "b", {"brochure.yaml": {**base, **manifest}, "theme.yaml": theme,
                           "a.yaml": first, "b.yaml": second})
        build_or_diagnose(root / "b", root / "out.pdf")


# Lone surrogates become CESU-8 bytes: one more kind of file that is not UTF-8.
@given(content=st.one_of(st.binary(max_size=300),
                         st.text(WILD, max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_random_bytes_as_a_section_file_load_or_report(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "b"
        write(folder, {"brochure.yaml": {"title": "测试手册", "publisher": "单位", "date": "2026年",
                                         "sections": ["a.yaml"]}, "a.yaml": content})
        try:
            brochure = load_brochure(folder)
        except BuildError as error:
            assert error.diagnostics
            return
        assert len(brochure.sections) == 1
