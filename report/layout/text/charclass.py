"""Character classes for Chinese line breaking (layout stage, text engine).

Pure data and lookups: the GB-style prohibition sets of clreq copied exactly
from docs/typography.md, and a per-character class used to decide spacing,
compression and break opportunities. Imports only the standard library.
"""

from __future__ import annotations

import re
import unicodedata

# The sets below are the project's contract (typography.md); keep them verbatim.
NO_START = frozenset("、，。．：；？！‼⁇⁈⁉”’」』）】〗〕］｝〙〛》〉·・‧～~–/／%‰℃°′″％)]},.:;?!")
NO_END = frozenset("“‘「『（【〖〔［｛〘〚《〈/／([{￥＄$£¥€#＃")
CLOSING = frozenset("、，。．：；？！”’」』）》〉】〗〕］｝")
OPENING = frozenset("“‘「『（《〈【〖〔［｛")
NO_SPLIT = ("——", "⸺", "……", "⋯⋯", "？！", "！？", "？？", "！！")

# Class letters, one per character:
#   "O" opening mark, "C" closing mark (both may be set half width),
#   "I" ideograph or other wide letter (Han, kana, hangul),
#   "H" other wide symbol (℃, ％, ideographic space),
#   "L" Latin-style letter or digit, "P" narrow or ambiguous punctuation/symbol.
OPEN, CLOSE, IDEO, WIDE, LETTER, PUNCT = "O", "C", "I", "H", "L", "P"
MARKS = frozenset((OPEN, CLOSE))
NARROW = frozenset((LETTER, PUNCT))

_CLASS_CACHE: dict[str, str] = {}


def char_class(ch: str) -> str:
    """Return the class letter of one character (cached: called per character)."""
    cls = _CLASS_CACHE.get(ch)
    if cls is None:
        cls = _CLASS_CACHE[ch] = _classify(ch)
    return cls


def _classify(ch: str) -> str:
    if ch in OPENING:
        return OPEN
    if ch in CLOSING:
        return CLOSE
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    category = unicodedata.category(ch)
    if wide:
        return IDEO if category in ("Lo", "Lm") else WIDE
    if category[0] in "LN":
        return LETTER
    return PUNCT


# Letters and digits that make up a Latin word or a number; superscripts count
# so that "m²" stays one word.
_ALNUM = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u00b2\u00b3\u00b9\u2070-\u209f"
# Joiners inside a word or number: 12.2, 1,000, 1+N, COVID-19, km/h, 12:30.
_JOINERS = r".,:'\-_+&@/"
# Signs that belong to the number in front of them: 6.7%, 30°.
_SIGNS = "%°′″"
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u200d"

# Plain ideographs (CJK unified, extension A, compatibility): the common case, one
# regex match for a whole run instead of one per character.
_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

WORD_PATTERN = rf"[{_ALNUM}]+(?:[{_JOINERS}][{_ALNUM}]+)*[{_SIGNS}]*"

# One match = one unbreakable cluster ("atom") or a run of spaces. Order matters:
# words before single characters, dash/ellipsis runs kept whole (never split ——).
# "？！" needs no group: ！ may not start a line, and the pair is compressed like
# any two adjacent marks. An ideograph run ends before an ideograph that carries a
# combining mark; checking only after the run (backtracking one character if
# needed) is the same and twice as fast as a lookahead after every character.
ATOM_RE = re.compile(
    rf"(?P<han>[{_IDEOGRAPHS}]+(?![{_COMBINING}]))"
    rf"|(?P<space>[ \t\u00a0]+)"
    rf"|(?P<word>{WORD_PATTERN})"
    rf"|(?P<dash>(?:[—―⸺]+|[…⋯]+)[{_COMBINING}]*)"
    rf"|(?P<char>.[{_COMBINING}]*)",
    re.S,
)
