"""Theme → text styles: which face, size, colour and leading each role uses.

The one place that turns model text (RichText with inline runs) into spans
for the text engine, so escaping and styling happen in exactly one spot:
spans carry plain characters, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from report.assets import Fonts
from report.layout.text import Span, TextStyle
from report.model import RGB, Inline, RichText, Theme


@dataclass(frozen=True)
class Role:
    """How one kind of text is set."""

    name: str  # a role of report.assets.fonts.ROLE_FACE
    size: float
    leading: float
    color: str = "text"  # a theme colour name


class Styles:
    """Spans for each role, from the theme and the registered fonts."""

    def __init__(self, theme: Theme, fonts: Fonts) -> None:
        self.theme = theme
        self.fonts = fonts
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
        }

    def role(self, name: str) -> Role:
        return self.roles[name]

    def color(self, name: str) -> RGB:
        return self.theme.colors[name]

    def style(self, role_name: str, *, bold: bool = False, emphasis: bool = False,
              color: str | None = None) -> TextStyle:
        role = self.roles[role_name]
        face = self.fonts.face(role.name, Inline("", bold=bold, emphasis=emphasis))
        return TextStyle(face, role.size, self.color(color or role.color))

    def spans(self, text: RichText, role_name: str, link: str | None = None) -> list[Span]:
        """The runs of `text` as engine spans in `role_name`.

        A run is cut where a character comes from a fallback face (assets has
        checked that one has it), so the engine draws it in that face.
        """
        role = self.roles[role_name]
        spans = []
        for run in text.runs:
            color = self.color(run.color or role.color)
            for chars, face in self.fonts.pieces(self.fonts.face(role.name, run), run.text):
                spans.append(Span(chars, TextStyle(face, role.size, color), link))
        return spans

    def plain(self, text: str, role_name: str, link: str | None = None,
              color: str | None = None) -> list[Span]:
        """Spans for text of our own (page numbers, 目录)."""
        style = self.style(role_name, color=color)
        return [Span(chars, replace(style, font=face), link)
                for chars, face in self.fonts.pieces(style.font, text)]
