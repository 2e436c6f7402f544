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
from itertools import accumulate
from operator import add, sub

from .atoms import EMERGENCY_PENALTY, INF, Tokens

EPS = 1e-6
LINE_DEMERIT = 1.0  # per line, so fewer lines win among equals
SHRINK_WEIGHT = 0.1  # squeezing marks is cheaper than pushing a character down (先挤进，后推出)
ORPHAN_PENALTY = 1e9  # a last line holding a single Han character (孤字)
MAX_DEFICIT_EM = 4.0  # lines shorter than this many em below the measure are skipped


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

    The sums are built with itertools.accumulate, adding in exactly the order
    a plain loop would (width: atom, then the slot before the next), so the
    floats are the same to the last bit.
    """

    def __init__(self, tokens: Tokens, measure: Measure) -> None:
        self.tokens, self.measure = tokens, measure
        n = len(tokens)
        terms = [0.0] * (2 * n)  # atom 0, slot 0 (zero), atom 1, slot 1, …: as the loop would add
        terms[0::2] = tokens.width
        terms[1::2] = tokens.natural  # natural[0] is the unused slot 0: zero
        self.width = width = [0.0, *accumulate(terms)][::2]
        self.stretch = stretch = [0.0, *accumulate(tokens.stretch)]
        self.shrink = shrink = [0.0, *accumulate(tokens.shrink)]
        self.han = [0, *accumulate(tokens.han)]
        self.content = [0, *accumulate(tokens.content)]
        self.end_width = [0.0, *map(sub, width[1:], tokens.trail_trim)]
        self.start_width = list(map(add, map(add, width, tokens.natural), tokens.lead_trim))
        self.start_stretch = list(map(add, stretch, tokens.stretch))
        self.start_shrink = list(map(add, shrink, tokens.shrink))
        if n:
            self.start_width[0] = -measure.indent + self.lead_trim(0)
            self.start_stretch[0] = self.start_shrink[0] = 0.0

    def lead_trim(self, s: int) -> float:
        if s == 0 and not self.measure.trim_first:
            return 0.0
        return self.tokens.lead_trim[s]

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
    n = len(prefix.tokens)
    if not n:
        return []
    breaks = _total_fit(prefix, MAX_DEFICIT_EM * em, respect_rules=True)
    if breaks is None:  # e.g. a chain of marks longer than the line: relax the window
        breaks = _total_fit(prefix, INF, respect_rules=True)
    if breaks is None:  # nothing fits even so: break anywhere rather than overflow
        breaks = _total_fit(prefix, INF, respect_rules=False)
    return breaks or [n]


def _backtrack(back: list[int], n: int) -> list[int]:
    breaks = []
    e = n
    while e > 0:
        breaks.append(e)
        e = back[e]
    breaks.reverse()
    return breaks


def _total_fit(prefix: Prefix, max_deficit: float, respect_rules: bool) -> list[int] | None:
    """best[e]: least demerits of setting atoms[:e] with a break before atom e; then backtrack.

    The hot loop of the engine, in one function with the prefix arrays bound
    to locals on purpose (a call per break candidate cost a fifth of the time).
    For each break e, candidate starts s run from the shortest allowed line
    back to the longest that is not overfull.
    """
    tokens = prefix.tokens
    width = prefix.measure.width
    n = len(tokens)
    best = [INF] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    cum = prefix.width
    breakable, penalties = tokens.breakable, tokens.penalty
    end_widths, stretches, shrinks = prefix.end_width, prefix.stretch, prefix.shrink
    start_width, start_stretch, start_shrink = (prefix.start_width, prefix.start_stretch,
                                                prefix.start_shrink)
    reach = width - max_deficit
    for e in range(1, n):
        if breakable[e]:
            penalty = penalties[e]
        elif respect_rules:
            continue
        else:
            penalty = EMERGENCY_PENALTY
        # Lines start where cum[e] - cum[s] >= width - max_deficit, i.e. not too short.
        s = bisect_right(cum, cum[e] - reach) - 1
        if s >= e:
            s = e - 1
        end_width, end_stretch, end_shrink = end_widths[e], stretches[e], shrinks[e]
        best_cost, origin = INF, -1
        while s >= 0:
            base = best[s]
            if base < INF:
                deficit = width - (end_width - start_width[s])
                if -EPS < deficit < EPS:
                    bad = 0.0  # a perfect fit
                elif deficit > 0 and end_stretch - start_stretch[s] > EPS:
                    ratio = deficit / (end_stretch - start_stretch[s])  # badness(), inlined
                    bad = 100.0 * ratio * ratio * ratio
                elif deficit > 0:
                    bad = 1e7  # no glue to stretch: only as a last resort
                else:
                    shrink = end_shrink - start_shrink[s]
                    if shrink <= EPS or -deficit > shrink + EPS:
                        # Overfull. Natural width minus shrink never falls as s moves back
                        # (each atom adds more than its slot can shrink or a trim can save),
                        # so every earlier start is overfull too.
                        break
                    ratio = -deficit / shrink
                    bad = 100.0 * SHRINK_WEIGHT * ratio * ratio * ratio
                cost = base + (LINE_DEMERIT + bad) ** 2
                if cost < best_cost:
                    best_cost, origin = cost, s
            s -= 1
        if origin >= 0:
            best[e] = best_cost + penalty
            back[e] = origin
    best[n], back[n] = _best_last_start(prefix, best, n)
    if best[n] == INF:
        return None
    return _backtrack(back, n)


def _best_last_start(prefix: Prefix, best: list[float], n: int) -> tuple[float, int]:
    """Cheapest last line atoms[s:n]: any that fits costs only the line, 孤字 is penalised."""
    width = prefix.measure.width
    best_cost, origin = INF, -1
    for s in range(n - 1, -1, -1):
        if best[s] == INF:
            continue
        natural, stretch, shrink = prefix.line(s, n)
        deficit = width - natural
        bad = 0.0 if deficit > -EPS else badness(deficit, stretch, shrink)
        if bad == INF:
            break  # overfull, and so is every earlier start
        cost = best[s] + (LINE_DEMERIT + bad) ** 2
        if prefix.is_orphan(s, n):
            cost += ORPHAN_PENALTY
        if cost < best_cost:
            best_cost, origin = cost, s
    return best_cost, max(origin, 0)
