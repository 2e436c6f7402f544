"""Total-fit line breaking over atoms and slots (layout stage, text engine).

A Knuth–Plass style dynamic program: best[e] is the least total demerits of
setting the paragraph up to a break before atom e. A line's demerits grow with
the cube of its adjustment ratio (how much its slots must stretch or shrink),
so spacing stays even across the paragraph instead of being good on one line
and loose on the next. Lines shorter than the measure by more than a few em
are not considered (a bisect on prefix widths finds the window), so the work is
O(atoms × window), window ≈ 5. Imports: atoms.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .atoms import EMERGENCY_PENALTY, INF, Atom, Slot

EPS = 1e-6
LINE_DEMERIT = 1.0  # per line, so fewer lines win among equals
SHRINK_WEIGHT = 0.1  # squeezing marks is cheaper than pushing a character down (先挤进，后推出)
ORPHAN_PENALTY = 1e9  # a last line holding a single Han character (孤字)
MAX_DEFICIT_EM = 4.0  # lines shorter than this many em below the measure are skipped
_NO_SLOT = Slot()


@dataclass
class Measure:
    """What a line must fill."""

    width: float
    """Width of every line, pt."""
    indent: float = 0.0
    """Extra left indent of the first line, pt."""
    trim_first: bool = True
    """Whether an opening mark at the start of the first line loses its leading half."""


class Prefix:
    """Prefix sums over atoms and slots, so any line's widths cost O(1).

    A line atoms[s:e] has natural width end_width[e] - start_width[s]: the
    start terms fold in the dropped slot before s, the leading half of an
    opening mark at the line start and the first line's indent; the end term
    the trailing half of a closing mark at the line end. Same for glue.
    """

    def __init__(self, atoms: list[Atom], slots: list[Slot], measure: Measure) -> None:
        self.atoms, self.slots, self.measure = atoms, slots, measure
        n = len(atoms)
        width, stretch, shrink, han, content = ([0.0] * (n + 1) for _ in range(5))
        for k, atom in enumerate(atoms):
            slot = slots[k] if k else _NO_SLOT  # slots[0] is never inside a line
            width[k + 1] = width[k] + atom.width + slot.natural
            stretch[k + 1] = stretch[k] + slot.stretch
            shrink[k + 1] = shrink[k] + slot.shrink
            han[k + 1] = han[k] + atom.han
            content[k + 1] = content[k] + atom.content
        self.han, self.content = han, content
        self.stretch, self.shrink = stretch, shrink
        self.width = width
        self.end_width = [0.0] + [width[e] - atoms[e - 1].trail_trim for e in range(1, n + 1)]
        starts = range(n)
        self.start_width = [width[s] + slots[s].natural + self.lead_trim(s) for s in starts]
        self.start_width[0] = -measure.indent + self.lead_trim(0)
        self.start_stretch = [stretch[s] + slots[s].stretch for s in starts]
        self.start_shrink = [shrink[s] + slots[s].shrink for s in starts]
        if n:
            self.start_stretch[0] = self.start_shrink[0] = 0.0

    def lead_trim(self, s: int) -> float:
        if s == 0 and not self.measure.trim_first:
            return 0.0
        return self.atoms[s].lead_trim

    def line(self, s: int, e: int) -> tuple[float, float, float]:
        """Natural width (with indent and edge trims), stretch and shrink of atoms[s:e]."""
        return (self.end_width[e] - self.start_width[s],
                self.stretch[e] - self.start_stretch[s],
                self.shrink[e] - self.start_shrink[s])

    def is_orphan(self, s: int, e: int) -> bool:
        """Would atoms[s:e] as a last line hold one lone Han character (孤字)?"""
        return (s > 0 and self.han[e] - self.han[s] == 1
                and self.content[e] - self.content[s] == 1)


def badness(deficit: float, stretch: float, shrink: float) -> float:
    """Cost of filling `deficit` pt (negative: overfull) with the given glue."""
    if deficit >= 0:
        if deficit < EPS:
            return 0.0
        if stretch <= EPS:  # prefix sums leave rounding dust where there is no glue
            return 1e7  # cannot justify: only as a last resort
        ratio = deficit / stretch
        return 100.0 * ratio * ratio * ratio
    if shrink <= EPS or -deficit > shrink + EPS:
        return INF
    ratio = -deficit / shrink
    return 100.0 * SHRINK_WEIGHT * ratio * ratio * ratio


def find_breaks(prefix: Prefix, em: float) -> list[int]:
    """Return the break positions e (a line is atoms[s:e]); the last one is len(atoms)."""
    atoms = prefix.atoms
    if not atoms:
        return []
    breaks = _total_fit(prefix, MAX_DEFICIT_EM * em, respect_rules=True)
    if breaks is None:  # e.g. a chain of marks longer than the line: relax the window
        breaks = _total_fit(prefix, INF, respect_rules=True)
    if breaks is None:  # nothing fits even so: break anywhere rather than overflow
        breaks = _total_fit(prefix, INF, respect_rules=False)
    return breaks or [len(atoms)]


def _total_fit(prefix: Prefix, max_deficit: float, respect_rules: bool) -> list[int] | None:
    atoms, slots, width = prefix.atoms, prefix.slots, prefix.measure.width
    n = len(atoms)
    best = [INF] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    cum = prefix.width
    for e in range(1, n + 1):
        last = e == n
        penalty = 0.0 if last else break_penalty(slots[e], respect_rules)
        if penalty == INF:
            continue
        # A last line may be as short as it likes; other lines start where
        # cum[e] - cum[s] >= width - max_deficit, i.e. not too short.
        window = bisect_right(cum, cum[e] - (width - max_deficit)) - 1
        s = e - 1 if last else min(e - 1, window)
        cost, origin = _best_start(prefix, best, s, e, last)
        if origin >= 0:
            best[e] = cost + penalty
            back[e] = origin
    if best[n] == INF:
        return None
    return _backtrack(back, n)


def _best_start(prefix: Prefix, best: list[float], s: int, e: int,
                last: bool) -> tuple[float, int]:
    """Cheapest line atoms[s:e] over candidate starts s, s-1, ... until overfull.

    The hot loop of the engine: prefix arrays are bound to locals on purpose.
    """
    width = prefix.measure.width
    end_width = prefix.end_width[e]
    end_stretch, end_shrink = prefix.stretch[e], prefix.shrink[e]
    start_width, start_stretch, start_shrink = (prefix.start_width, prefix.start_stretch,
                                                prefix.start_shrink)
    best_cost, origin = INF, -1
    while s >= 0:
        base = best[s]
        if base < INF:
            deficit = width - (end_width - start_width[s])
            if -EPS < deficit < EPS or (last and deficit >= 0):
                bad = 0.0  # a perfect fit, or any last line that fits
            elif deficit > 0 and end_stretch - start_stretch[s] > EPS:
                ratio = deficit / (end_stretch - start_stretch[s])  # inlined badness()
                bad = 100.0 * ratio * ratio * ratio
            else:
                bad = badness(deficit, end_stretch - start_stretch[s],
                              end_shrink - start_shrink[s])
            if bad < INF:
                cost = base + (LINE_DEMERIT + bad) ** 2
                if last and prefix.is_orphan(s, e):
                    cost += ORPHAN_PENALTY
                if cost < best_cost:
                    best_cost, origin = cost, s
            else:
                # Overfull. Natural width minus shrink never falls as s moves back
                # (each atom adds more than its slot can shrink or a trim can save),
                # so every earlier start is overfull too.
                break
        s -= 1
    return best_cost, origin


def break_penalty(slot: Slot, respect_rules: bool) -> float:
    """Demerits for breaking at `slot`; INF where the rules forbid it.

    When no rule-abiding set of breaks exists (a glued chain wider than the
    line), forbidden slots become very expensive instead of impossible.
    """
    if slot.breakable:
        return slot.penalty
    return INF if respect_rules else EMERGENCY_PENALTY


def _backtrack(back: list[int], n: int) -> list[int]:
    breaks = []
    e = n
    while e > 0:
        breaks.append(e)
        e = back[e]
    breaks.reverse()
    return breaks
