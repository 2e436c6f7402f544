"""Theme → text styles: which face, size, colour and leading each role uses.

Colours come out in the edition's inks: the theme's RGB for screen editions,
CMYK through the output profile for the print edition.

The one place that turns model text (RichText with inline runs) into spans
for the text engine, so escaping and styling happen in exactly one spot:
spans carry plain characters, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.assets import Fonts
from report.layout.colour import Ink, Inks
from report.layout.text import Span, TextStyle
from report.model import Inline, RichText, Theme


@dataclass(frozen=True)
class Role:
    """How one kind of text is set."""

    name: str  # a role of report.assets.fonts.ROLE_FACE
    size: float
    leading: float
    color: str = "text"  # a theme colour name


class Styles:
    """Spans for each role, from the theme and the registered fonts."""

    def __init__(self, theme: Theme, fonts: Fonts, inks: Inks) -> None:
        self.theme = theme
        self.fonts = fonts
        self.inks = inks
        self._text_styles: dict[tuple[str, float, Ink], TextStyle] = {}  # one object per style
        s = theme.sizes
        self.roles = {
            "body": Role("body", s.body, s.leading),
            "lead": Role("lead", s.lead, s.lead_leading),
            "heading": Role("heading", s.heading, s.leading * 1.5, "accent"),
            "heading3": Role("heading", s.heading3, s.leading, "accent"),
            "subhead": Role("subhead", s.subhead, s.leading, "accent"),
            "quote": Role("quote", s.quote, s.leading * 1.5, "accent"),
            "attribution": Role("meta", s.caption, s.leading, "muted"),
            "part_title": Role("title", s.part_title, s.part_title * 1.35, "accent"),
            "part_number": Role("title", s.part_number, s.part_number * 1.1, "accent"),
            "part_kicker": Role("meta", s.heading3, s.leading, "accent"),
            "part_subtitle": Role("title", s.heading, s.leading * 1.5, "text"),
            "cover_title": Role("title", s.cover_title, s.cover_title * 1.3, "paper"),
            "cover_subtitle": Role("title", s.heading, s.heading * 1.6, "paper"),
            "cover_line": Role("meta", s.heading, s.heading * 1.6, "paper"),
            "cover_meta": Role("meta", s.lead, s.lead * 1.7, "paper"),
            "toc_title": Role("title", s.part_title, s.part_title * 1.4, "accent"),
            "toc_entry": Role("title", s.subhead, s.leading * 1.5, "text"),
            "toc_sub": Role("meta", s.body, s.leading, "muted"),
            "running": Role("meta", s.running, s.running * 1.5, "muted"),
            # figures: charts, key figures, tables, images, callouts
            "chart_title": Role("heading", s.body, s.leading, "text"),
            "chart_unit": Role("meta", s.body, s.leading, "muted"),
            "source": Role("meta", s.caption, s.caption * 1.5, "muted"),
            "figure": Role("title", s.figure, s.figure * 1.3, "accent"),
            "figure_label": Role("meta", s.caption, s.caption * 1.5, "text"),
            "figure_compare": Role("meta", s.caption, s.caption * 1.5, "muted"),
            "table_head": Role("heading", s.caption, s.caption * 1.5, "text"),
            "table_cell": Role("meta", s.caption, s.caption * 1.5, "text"),
            "callout_title": Role("subhead", s.body, s.leading, "accent"),
            "callout": Role("body", s.body, s.leading, "text"),
            "caption": Role("meta", s.caption, s.caption * 1.6, "text"),
        }

    def role(self, name: str) -> Role:
        return self.roles[name]

    def color(self, name: str) -> Ink:
        """The theme colour `name` in the edition's inks (RGB, or CMYK for the press)."""
        return self.inks.ink(self.theme.colors[name])

    def tint(self, name: str, amount: float) -> Ink:
        """The theme colour `name` mixed with `amount` of white paper, in the edition's inks."""
        rgb = self.theme.colors[name]
        return self.inks.ink(tuple(c + (1 - c) * amount for c in rgb))  # type: ignore[arg-type]

    def style(self, role_name: str, *, bold: bool = False, emphasis: bool = False,
              color: str | None = None) -> TextStyle:
        role = self.roles[role_name]
        face = self.fonts.face(role.name, Inline("", bold=bold, emphasis=emphasis))
        return self.text_style(face, role.size, self.color(color or role.color))

    def text_style(self, face: str, size: float, ink: Ink) -> TextStyle:
        """The TextStyle of these values, made once: a brochure's thousands of spans share a few."""
        key = (face, size, ink)
        style = self._text_styles.get(key)
        if style is None:
            style = self._text_styles[key] = TextStyle(face, size, ink)
        return style

    def spans(self, text: RichText, role_name: str, link: str | None = None,
              color: str | None = None) -> list[Span]:
        """The runs of `text` as engine spans in `role_name` (`color`: instead of the role's).

        A run is cut where a character comes from a fallback face (assets has
        checked that one has it), so the engine draws it in that face.
        """
        role = self.roles[role_name]
        spans = []
        for run in text.runs:
            ink = self.color(run.color or color or role.color)
            for chars, face in self.fonts.pieces(self.fonts.face(role.name, run), run.text):
                spans.append(Span(chars, self.text_style(face, role.size, ink), link))
        return spans

    def plain(self, text: str, role_name: str, link: str | None = None,
              color: str | None = None) -> list[Span]:
        """Spans for text of our own (page numbers, 目录)."""
        style = self.style(role_name, color=color)
        return [Span(chars, self.text_style(face, style.size, style.color), link)
                for chars, face in self.fonts.pieces(style.font, text)]
