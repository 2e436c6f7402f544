"""Tokenizer: paragraph text -> unbreakable atoms and the glue slots between them.

Layout stage, text engine. An *atom* is a cluster that is never split and never
spread: one Han character, one mark, a Latin word, a number with its sign
(12.2, 6.7%, 1+N), a dash or ellipsis pair, a "？！" group. A *slot* is the
place between two atoms: it has a natural width (possibly negative, when two
marks are compressed), how much it may stretch or shrink while justifying,
and whether the line may break there (GB prohibition rules R1–R3).

Widths are in pt. Imports: charclass, metrics, style.
"""

from __future__ import annotations

from collections.abc import Sequence

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
from .style import TextStyle

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
    """One unbreakable cluster of characters text[start:end]."""

    __slots__ = (
        "start", "end", "width", "first", "last", "first_ch", "last_ch",
        "lead_trim", "trail_trim", "han", "content", "word", "dash", "em",
    )

    def __init__(self, start: int, end: int, width: float, text: str,
                 styles: Sequence[TextStyle], adv: Sequence[float], kind: str) -> None:
        self.start, self.end, self.width = start, end, width
        single = end - start == 1
        first_ch = self.first_ch = text[start]
        first = self.first = char_class(first_ch)
        if single:  # most atoms: one Han character or mark
            self.last_ch, self.last = first_ch, first
            first_size = last_size = self.em = styles[start].size
            self.han = 1 if first == IDEO else 0
        else:
            self.last_ch = text[end - 1]
            self.last = char_class(self.last_ch)
            first_size, last_size = styles[start].size, styles[end - 1].size
            self.em = max(first_size, last_size)
            self.han = sum(1 for i in range(start, end) if char_class(text[i]) == IDEO)
        # A full-width mark has its ink on one half; the other half may go.
        self.lead_trim = max(0.0, adv[start] - first_size / 2) if first == OPEN else 0.0
        self.trail_trim = max(0.0, adv[end - 1] - last_size / 2) if self.last == CLOSE else 0.0
        self.word = kind == "word"
        self.dash = kind == "dash"
        self.content = self.word or self.han > 0 or first not in _NOT_CONTENT


    @classmethod
    def ideograph(cls, i: int, width: float, size: float, ch: str) -> Atom:
        """A single Han character (same result as the constructor, much cheaper)."""
        atom = cls.__new__(cls)
        atom.start, atom.end, atom.width, atom.em = i, i + 1, width, size
        atom.first_ch = atom.last_ch = ch
        atom.first = atom.last = IDEO
        atom.lead_trim = atom.trail_trim = 0.0
        atom.han, atom.content, atom.word, atom.dash = 1, True, False, False
        return atom


class Slot:
    """The glue between two adjacent atoms."""

    __slots__ = ("natural", "stretch", "shrink", "breakable", "penalty", "cap", "spaces")

    def __init__(self) -> None:
        self.natural = 0.0
        self.stretch = 0.0
        self.shrink = 0.0
        self.breakable = False
        self.penalty = 0.0
        self.cap = INF  # largest extra width justification may add
        self.spaces: tuple[int, int] | None = None  # char range of spaces drawn in the slot


def tokenize(text: str, styles: Sequence[TextStyle], adv: Sequence[float],
             lo: int, hi: int, max_width: float,
             indent: float = 0.0) -> tuple[list[Atom], list[Slot]]:
    """Cut text[lo:hi] into atoms and slots; slots[k] sits before atoms[k] (slots[0] unused).

    A word or dash run wider than `max_width` (the first one: than what the
    indent leaves) is cut into characters with emergency break opportunities,
    so nothing ever hangs past the frame.
    """
    atoms: list[Atom] = []
    slots: list[Slot] = [Slot()]
    spaces: tuple[int, int] | None = None
    for match in ATOM_RE.finditer(text, lo, hi):
        kind = match.lastgroup or "char"
        start, end = match.span()
        if kind == "space":
            spaces = (start, end) if atoms else None  # leading spaces are dropped
            continue
        if kind == "han":
            _add_han_run(atoms, slots, text, styles, adv, start, end, spaces)
            spaces = None
            continue
        width = sum(adv[start:end])
        # The paragraph's first atom must also fit beside the indent.
        room = max_width - (indent if not atoms else 0.0)
        if width > room and end - start > 1:
            _add_split(atoms, slots, text, styles, adv, start, end, spaces, kind)
        else:
            _add(atoms, slots, Atom(start, end, width, text, styles, adv, kind),
                 text, styles, adv, spaces)
        spaces = None
    slots.append(Slot())  # slots[N]: the paragraph end
    return atoms, slots


def _add(atoms: list[Atom], slots: list[Slot], atom: Atom, text: str,
         styles: Sequence[TextStyle], adv: Sequence[float],
         spaces: tuple[int, int] | None) -> None:
    if atoms:
        slots.append(make_slot(atoms[-1], atom, text, styles, adv, spaces))
    atoms.append(atom)


def _add_han_run(atoms: list[Atom], slots: list[Slot], text: str, styles: Sequence[TextStyle],
                 adv: Sequence[float], start: int, end: int,
                 spaces: tuple[int, int] | None) -> None:
    """A run of plain ideographs: the bulk of the text, so it takes a short path."""
    _add(atoms, slots, Atom(start, start + 1, adv[start], text, styles, adv, "char"),
         text, styles, adv, spaces)
    before = styles[start].size
    for i in range(start + 1, end):
        size = styles[i].size
        slots.append(_han_slot(before if before > size else size))
        atoms.append(Atom.ideograph(i, adv[i], size, text[i]))
        before = size


_HAN_SLOTS: dict[float, Slot] = {}


def _han_slot(em: float) -> Slot:
    """The glue between two ideographs; shared, since slots are never changed once made."""
    slot = _HAN_SLOTS.get(em)
    if slot is None:
        slot = _HAN_SLOTS[em] = Slot()
        slot.breakable = True
        slot.stretch = STRETCH * em
    return slot


def _add_split(atoms: list[Atom], slots: list[Slot], text: str, styles: Sequence[TextStyle],
               adv: Sequence[float], start: int, end: int,
               spaces: tuple[int, int] | None, kind: str) -> None:
    """An over-long word becomes single characters that may break anywhere (emergency)."""
    for i in range(start, end):
        atom = Atom(i, i + 1, adv[i], text, styles, adv, kind)
        if i == start:
            _add(atoms, slots, atom, text, styles, adv, spaces)
            continue
        slot = Slot()
        prev = atoms[-1]
        slot.breakable = not (atom.first_ch in NO_START or prev.last_ch in NO_END)
        slot.penalty = EMERGENCY_PENALTY
        # A little letter-spacing, so a line holding only a piece of the word can be justified.
        slot.stretch = LETTERSPACE * atom.em
        slots.append(slot)
        atoms.append(atom)


def make_slot(a: Atom, b: Atom, text: str, styles: Sequence[TextStyle],
              adv: Sequence[float], spaces: tuple[int, int] | None) -> Slot:
    """Glue between atom `a` and the following atom `b`."""
    slot = Slot()
    slot.spaces = spaces
    slot.breakable = _may_break(a, b, spaces, text)
    if slot.breakable and b.dash:
        slot.penalty = DASH_START_PENALTY
    gap_em = _gap_em(a, b, styles)
    if gap_em:
        # ¼ em between Han and Latin/digits; an explicit space there becomes that gap.
        slot.natural = GAP * gap_em
        slot.stretch = STRETCH * gap_em
        slot.shrink = (GAP - GAP_SHRINK) * gap_em
        slot.cap = GAP_MAX_EXTRA * gap_em
        return slot
    em = max(a.em, b.em)
    if spaces:
        width = sum(adv[spaces[0]:spaces[1]])
        slot.natural, slot.stretch, slot.shrink = width, STRETCH * em, width * SPACE_SHRINK
        return slot
    _set_mark_glue(slot, a, b, em)
    return slot


def _set_mark_glue(slot: Slot, a: Atom, b: Atom, em: float) -> None:
    """Punctuation compression (R4) and the stretch of a slot without spaces."""
    if a.last == CLOSE and b.first in MARKS:
        slot.natural = -a.trail_trim  # 。” ），：“ — closing mark loses its trailing half
    elif a.last == OPEN and b.first == OPEN:
        slot.natural = -b.lead_trim  # “「 — second opening mark loses its leading half
    else:
        # Squeeze first (先挤进): a mark may give up its blank half to fit the line.
        slot.shrink = a.trail_trim + b.lead_trim
    tight = (a.last in MARKS and b.first in MARKS) or (a.last in NARROW and b.first in NARROW)
    slot.stretch = 0.0 if tight else STRETCH * em


def _gap_em(a: Atom, b: Atom, styles: Sequence[TextStyle]) -> float:
    """Em size of the Han character next to a Latin word or number, or 0 if no gap."""
    if a.last == IDEO and b.word:
        return styles[a.end - 1].size
    if a.word and b.first == IDEO:
        return styles[b.start].size
    return 0.0


def _may_break(a: Atom, b: Atom, spaces: tuple[int, int] | None, text: str) -> bool:
    """GB prohibition rules: may a line end after `a` and the next begin with `b`?"""
    if b.first_ch in NO_START or a.last_ch in NO_END:
        return False
    if spaces:
        return "\u00a0" not in text[spaces[0]:spaces[1]]
    # Narrow neighbours without a space form one Latin token, e.g. "(GDP)" or "A/B".
    return not (a.last in NARROW and b.first in NARROW)
