"""Tokenizer: paragraph text -> unbreakable atoms and the glue slots between them.

Layout stage, text engine. An *atom* is a cluster that is never split and never
spread: one Han character, one mark, a Latin word, a number with its sign
(12.2, 6.7%, 1+N), a dash or ellipsis pair, a "？！" group. A *slot* is the
place between two atoms: it has a natural width (possibly negative, when two
marks are compressed), how much it may stretch or shrink while justifying,
and whether the line may break there (GB prohibition rules R1–R3).

The result is a Tokens value of parallel sequences, one entry per atom,
rather than objects: the tokenizer runs once per character of the book, so
it does as little Python work per character as it can.

- A run of plain ideographs is one regex match and one `extend` of a zip:
  its atoms and the slots between them are all alike.
- What the glue between two atoms depends on (classes, widths, sizes, not
  positions) is an Atom; the Atom of a single character is made once per
  character, size and advance and shared (all ideographs of one size and
  advance share one), and the glue between two shared Atoms is computed once
  per pair. The glue of a slot holding spaces is always computed.

Widths are in pt. Imports: charclass.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

from .charclass import (
    ATOM_RE,
    CLOSE,
    IDEO,
    MARKS,
    NARROW,
    NO_END,
    NO_START,
    OPEN,
    char_class,
)

INF = float("inf")
_NOT_CONTENT = MARKS | NARROW

# All in em of the font concerned.
GAP = 0.25  # Han–Latin gap (R7): natural ¼ em ...
GAP_SHRINK = 0.125  # ... may shrink to ⅛ em ...
GAP_MAX_EXTRA = 0.25  # ... and never grow past ½ em.
STRETCH = 0.1  # stretch of one slot at adjustment ratio 1
SPACE_SHRINK = 1 / 3  # a word space may lose a third of its width
LETTERSPACE = 0.02  # stretch between the letters of a word cut by force

# Break penalties (demerits).
DASH_START_PENALTY = 3000.0  # strict level: —— or …… should not start a line
EMERGENCY_PENALTY = 1e6  # breaking inside a word longer than the line


class Atom:
    """What the glue around an unbreakable cluster depends on; not where it stands.

    Made from the cluster's characters with their sizes and advances.
    """

    __slots__ = ("width", "first", "last", "first_ch", "last_ch", "first_em", "last_em", "em",
                 "lead_trim", "trail_trim", "han", "content", "word", "dash", "shared", "row")

    def __init__(self, chars: str, sizes: Sequence[float], adv: Sequence[float], kind: str,
                 shared: bool = False) -> None:
        self.width = sum(adv)
        self.first_ch, self.last_ch = chars[0], chars[-1]
        first = self.first = char_class(chars[0])
        last = self.last = char_class(chars[-1])
        self.first_em, self.last_em = sizes[0], sizes[-1]
        self.em = max(sizes[0], sizes[-1])
        self.han = sum(1 for ch in chars if char_class(ch) == IDEO)
        # A full-width mark has its ink on one half; the other half may go.
        self.lead_trim = max(0.0, adv[0] - sizes[0] / 2) if first == OPEN else 0.0
        self.trail_trim = max(0.0, adv[-1] - sizes[-1] / 2) if last == CLOSE else 0.0
        self.word = kind == "word"
        self.dash = kind == "dash"
        self.content = self.word or self.han > 0 or first not in _NOT_CONTENT
        self.shared = shared  # one object for every occurrence: its glue may be cached
        # This atom's fields of a Tokens row.
        self.row = (self.width, self.lead_trim, self.trail_trim, self.han, self.content)


# Slots are tuples in Tokens row order:
# natural, stretch, shrink, breakable, penalty, cap, spaces, squeeze.
SlotRow = tuple[float, float, float, bool, float, float, "tuple[int, int] | None", int]
_NO_SLOT: SlotRow = (0.0, 0.0, 0.0, False, 0.0, INF, None, 0)  # before the first atom

# Which blank half of a mark is squeezed first when a line is too long (slot field
# `squeeze`; 0: the slot's shrink, if any, is not a mark's): after a pause mark, then
# after any other closing mark, then before an opening mark.
PAUSE_MARKS = frozenset("、，；：")
SQUEEZE_PAUSE, SQUEEZE_CLOSING, SQUEEZE_OPENING = 1, 2, 3

_ATOMS: dict[tuple, Atom] = {}  # (character, kind, size, advance) → its shared Atom
_GLUE: dict[tuple[Atom, Atom], SlotRow] = {}  # pair of shared Atoms → the slot between them
_HAN_GLUE: dict[float, SlotRow] = {}  # em → the slot between two ideographs
_CACHE_LIMIT = 1 << 16  # entries; a cache that fills up starts again, so memory stays bounded
# Any ideograph will do: glue only asks whether a character is in NO_START/NO_END.
_IDEOGRAPH = "一"


def shared_atom(ch: str, kind: str, size: float, advance: float) -> Atom:
    """The Atom of one character, made once per character, kind, size and advance."""
    key = (ch, kind, size, advance)
    atom = _ATOMS.get(key)
    if atom is None:
        if len(_ATOMS) >= _CACHE_LIMIT:
            _ATOMS.clear()
            _GLUE.clear()
        atom = _ATOMS[key] = Atom(ch, (size,), (advance,), kind, shared=True)
    return atom


def _ideograph(size: float, advance: float) -> Atom:
    return shared_atom(_IDEOGRAPH, "han", size, advance)


_FIELDS = ("start", "end", "width", "lead_trim", "trail_trim", "han", "content",
           "natural", "stretch", "shrink", "breakable", "penalty", "cap", "spaces", "squeeze")


class Tokens:
    """Atoms and slots as parallel sequences: atom k is text[start[k]:end[k]], slot k sits before it.

    Atom fields: start, end; width (advance, pt); lead_trim, trail_trim (the
    blank half an opening or closing mark at a line edge loses); han (Han
    characters, for 孤字); content (whether it counts as content).
    Slot fields: natural width (negative when two marks are compressed),
    stretch and shrink (how much justification may add or take), breakable,
    penalty (demerits for breaking there), cap (largest extra width
    justification may add), spaces (character range of spaces drawn in the
    slot, or None), squeeze (for a slot whose shrink is a mark's blank half:
    SQUEEZE_PAUSE, _CLOSING or _OPENING, the order in which marks are
    squeezed; else 0). Slot 0 is unused (all zero).

    While tokenizing, each atom with the slot before it is one tuple (one
    append; a run of ideographs is one extend of a zip); finish() transposes
    the rows into one tuple per field.
    """

    __slots__ = (*_FIELDS, "_rows")

    def __init__(self) -> None:
        self._rows: list[tuple] = []

    def __len__(self) -> int:
        return len(self.start)

    def add(self, start: int, end: int, atom: Atom, slot: SlotRow) -> None:
        """Append `slot` and the atom text[start:end] after it."""
        self._rows.append((start, end, *atom.row, *slot))

    def add_ideographs(self, lo: int, hi: int, adv: Sequence[float], em: float) -> None:
        """Append text[lo:hi], ideographs of one size `em`, each after an ideograph."""
        advances = adv[lo:hi]
        if advances.count(advances[0]) == hi - lo:  # one advance throughout: all rows alike
            tail = _ideograph_row(em, advances[0])
            self._rows.extend([(i, i + 1) + tail for i in range(lo, hi)])
            return
        zero = repeat(0.0)
        self._rows.extend(zip(range(lo, hi), range(lo + 1, hi + 1), adv[lo:hi], zero, zero,
                              repeat(1), repeat(True), zero, repeat(STRETCH * em), zero,
                              repeat(True), zero, repeat(INF), repeat(None), repeat(0)))

    def finish(self) -> Tokens:
        columns = list(zip(*self._rows, strict=True)) if self._rows else [()] * len(_FIELDS)
        for name, column in zip(_FIELDS, columns, strict=True):
            setattr(self, name, column)
        del self._rows
        return self

    def text_of(self, text: str, k: int) -> str:
        return text[self.start[k]:self.end[k]]


def tokenize(text: str, sizes: Sequence[float], adv: Sequence[float],
             lo: int, hi: int, max_width: float, indent: float = 0.0) -> Tokens:
    """Cut text[lo:hi] into atoms and slots (`sizes`, `adv`: each character's em and advance).

    A word or dash run wider than `max_width` (the first one: than what the
    indent leaves) is cut into characters with emergency break opportunities,
    so nothing ever hangs past the frame.
    """
    tokens = Tokens()
    prev: Atom | None = None  # the atom before the next one, for its glue
    spaces: tuple[int, int] | None = None
    for match in ATOM_RE.finditer(text, lo, hi):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "han":
            prev = _add_han_run(tokens, prev, text, sizes, adv, start, end, spaces)
        elif kind == "space":
            spaces = (start, end) if prev is not None else None  # leading spaces are dropped
            continue
        elif end - start == 1:
            atom = shared_atom(text[start], kind, sizes[start], adv[start])
            tokens.add(start, end, atom, glue(prev, atom, text, adv, spaces))
            prev = atom
        else:
            atom = Atom(text[start:end], sizes[start:end], adv[start:end], kind)
            # The paragraph's first atom must also fit beside the indent.
            room = max_width - (indent if prev is None else 0.0)
            if atom.width > room:
                prev = _add_split(tokens, prev, text, sizes, adv, start, end, spaces, kind)
            else:
                tokens.add(start, end, atom, glue(prev, atom, text, adv, spaces))
                prev = atom
        spaces = None
    return tokens.finish()


def _add_han_run(tokens: Tokens, prev: Atom | None, text: str, sizes: Sequence[float],
                 adv: Sequence[float], start: int, end: int,
                 spaces: tuple[int, int] | None) -> Atom:
    """A run of plain ideographs: the bulk of the text, so it takes a short path.

    Returns the run's last atom (the next atom's glue depends on it).
    """
    ch = text[start]
    if char_class(ch) == IDEO:  # not so for the rare unassigned code point in the ranges
        first = _ideograph(sizes[start], adv[start])
    else:
        first = shared_atom(ch, "char", sizes[start], adv[start])
    tokens.add(start, start + 1, first, glue(prev, first, text, adv, spaces))
    if end - start == 1:
        return first
    em = sizes[start]
    rest = sizes[start + 1:end]
    if rest.count(em) == len(rest):  # one size throughout: the common case
        tokens.add_ideographs(start + 1, end, adv, em)
    else:
        _add_mixed_ideographs(tokens, sizes, adv, start, end)
    return _ideograph(sizes[end - 1], adv[end - 1])


def _add_mixed_ideographs(tokens: Tokens, sizes: Sequence[float], adv: Sequence[float],
                          start: int, end: int) -> None:
    """text[start + 1:end] where the size changes inside the run (inline runs of another size)."""
    before = sizes[start]
    for i in range(start + 1, end):
        size = sizes[i]
        tokens.add(i, i + 1, _ideograph(size, adv[i]), _han_glue(before if before > size else size))
        before = size


def _ideograph_row(em: float, advance: float) -> tuple:
    """A Tokens row but its start and end: an ideograph after an ideograph."""
    return _ideograph(em, advance).row + _han_glue(em)


def _han_glue(em: float) -> SlotRow:
    """The glue between two ideographs: a break opportunity that stretches a little."""
    slot = _HAN_GLUE.get(em)
    if slot is None:
        slot = _HAN_GLUE[em] = (0.0, STRETCH * em, 0.0, True, 0.0, INF, None, 0)
    return slot


def _add_split(tokens: Tokens, prev: Atom | None, text: str, sizes: Sequence[float],
               adv: Sequence[float], start: int, end: int,
               spaces: tuple[int, int] | None, kind: str) -> Atom:
    """An over-long word becomes single characters that may break anywhere (emergency)."""
    for i in range(start, end):
        atom = shared_atom(text[i], kind, sizes[i], adv[i])
        if i == start:
            slot = glue(prev, atom, text, adv, spaces)
        else:
            breakable = not (atom.first_ch in NO_START or prev.last_ch in NO_END)
            # A little letter-spacing, so a line holding only a piece of the word can be justified.
            slot = (0.0, LETTERSPACE * atom.em, 0.0, breakable, EMERGENCY_PENALTY, INF, None, 0)
        tokens.add(i, i + 1, atom, slot)
        prev = atom
    return prev


def glue(a: Atom | None, b: Atom, text: str, adv: Sequence[float],
         spaces: tuple[int, int] | None) -> SlotRow:
    """The slot between atom `a` (None: `b` starts the paragraph) and the following atom `b`."""
    if a is None:
        return _NO_SLOT
    if spaces is None and a.shared and b.shared:
        key = (a, b)
        slot = _GLUE.get(key)
        if slot is None:
            slot = _GLUE[key] = make_slot(a, b, text, adv, None)
        return slot
    return make_slot(a, b, text, adv, spaces)


def make_slot(a: Atom, b: Atom, text: str, adv: Sequence[float],
              spaces: tuple[int, int] | None) -> SlotRow:
    """Glue between atom `a` and the following atom `b`."""
    breakable = _may_break(a, b, spaces, text)
    penalty = DASH_START_PENALTY if breakable and b.dash else 0.0
    gap_em = _gap_em(a, b)
    if gap_em:
        # ¼ em between Han and Latin/digits; an explicit space there becomes that gap.
        return (GAP * gap_em, STRETCH * gap_em, (GAP - GAP_SHRINK) * gap_em, breakable, penalty,
                GAP_MAX_EXTRA * gap_em, spaces, 0)
    em = max(a.em, b.em)
    if spaces:
        width = sum(adv[spaces[0]:spaces[1]])
        return (width, STRETCH * em, width * SPACE_SHRINK, breakable, penalty, INF, spaces, 0)
    natural, stretch, shrink = _mark_glue(a, b, em)
    return (natural, stretch, shrink, breakable, penalty, INF, None, _squeeze_order(a, b, shrink))


def _squeeze_order(a: Atom, b: Atom, shrink: float) -> int:
    """Whose blank half a slot's shrink is, as its place in the squeezing order (0: none)."""
    if shrink <= 0:
        return 0
    if a.trail_trim > 0:
        return SQUEEZE_PAUSE if a.last_ch in PAUSE_MARKS else SQUEEZE_CLOSING
    return SQUEEZE_OPENING


def _mark_glue(a: Atom, b: Atom, em: float) -> tuple[float, float, float]:
    """Punctuation compression (R4) and the stretch of a slot without spaces."""
    natural = shrink = 0.0
    if a.last == CLOSE and b.first in MARKS:
        natural = -a.trail_trim  # 。” ），：“ — closing mark loses its trailing half
    elif a.last == OPEN and b.first == OPEN:
        natural = -b.lead_trim  # “「 — second opening mark loses its leading half
    else:
        # Squeeze first (先挤进): a mark may give up its blank half to fit the line.
        shrink = a.trail_trim + b.lead_trim
    tight = (a.last in MARKS and b.first in MARKS) or (a.last in NARROW and b.first in NARROW)
    return natural, 0.0 if tight else STRETCH * em, shrink


def _gap_em(a: Atom, b: Atom) -> float:
    """Em size of the Han character next to a Latin word or number, or 0 if no gap."""
    if a.last == IDEO and b.word:
        return a.last_em
    if a.word and b.first == IDEO:
        return b.first_em
    return 0.0


def _may_break(a: Atom, b: Atom, spaces: tuple[int, int] | None, text: str) -> bool:
    """GB prohibition rules: may a line end after `a` and the next begin with `b`?"""
    if b.first_ch in NO_START or a.last_ch in NO_END:
        return False
    if spaces:
        return "\u00a0" not in text[spaces[0]:spaces[1]]
    # Narrow neighbours without a space form one Latin token, e.g. "(GDP)" or "A/B".
    return not (a.last in NARROW and b.first in NARROW)
