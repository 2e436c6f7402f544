"""Colour, transparency and image resolution, from the content streams."""

from __future__ import annotations

from collections.abc import Callable

import pikepdf

from report.preflight.findings import ERROR, OK, WARNING, Finding, pages_text
from report.preflight.scan import Event, is_rgb

PRINT_PPI, LOWEST_PPI, SCREEN_PPI_MAX = 300, 150, 300
INK_LIMIT = 3.0  # 300 % total area coverage
RICH_BLACK_K = 0.9  # a CMYK fill this dark with colour inks is rich black, not 100 K


def colour_spaces(events: list[Event], edition: str) -> list[Finding]:
    painted = [e for e in events if e.kind in ("fill", "stroke", "image", "shading")]
    families = sorted({e.space for e in painted})
    rgb = [e.page for e in painted if is_rgb(e.space)]
    icc = [e.page for e in painted if e.space.startswith("ICCBased") and not is_rgb(e.space)]
    if edition == "print" and rgb:
        return [Finding("colour spaces", ERROR, f"RGB colour on {pages_text(rgb)} "
                        "(the print edition must be CMYK only)")]
    if edition == "print" and icc:
        return [Finding("colour spaces", ERROR, f"ICC-based colour on {pages_text(icc)} "
                        "(PDF/X-1a allows device CMYK, grey and spot colours only)")]
    cmyk = [e.page for e in painted if e.space == "DeviceCMYK"]
    if edition != "print" and cmyk:
        return [Finding("colour spaces", WARNING, f"CMYK colour on {pages_text(cmyk)} in a screen "
                        "edition: screens and office printers convert it unpredictably")]
    return [Finding("colour spaces", OK, ", ".join(families) or "no colour set")]


def black_text(events: list[Event], edition: str) -> list[Finding]:
    """Black text in a print file should be 100 % K: rich black text blurs with misregistration."""
    if edition != "print":
        return []
    rich = [e.page for e in events if e.kind == "text" and e.space == "DeviceCMYK"
            and len(e.values) == 4 and e.values[3] >= RICH_BLACK_K and any(e.values[:3])]
    if rich:
        return [Finding("black text", ERROR, f"rich black text on {pages_text(rich)}; use 0 0 0 1")]
    return [Finding("black text", OK, "black text is 100 % K")]


def ink_coverage(events: list[Event], edition: str) -> list[Finding]:
    if edition != "print":
        return []
    heavy = [e.page for e in events if e.space == "DeviceCMYK" and len(e.values) == 4
             and sum(e.values) > INK_LIMIT + 1e-6]
    if heavy:
        return [Finding("total ink", WARNING, f"more than {INK_LIMIT:.0%} ink on {pages_text(heavy)}")]
    return [Finding("total ink", OK, f"every CMYK colour within {INK_LIMIT:.0%}")]


def transparency(events: list[Event], edition: str) -> list[Finding]:
    found = sorted({e.page for e in events if _transparent(e)})
    if not found:
        return [Finding("transparency", OK, "none")]
    status = ERROR if edition == "print" else WARNING
    why = " (PDF/X-1a allows none)" if edition == "print" else ""
    return [Finding("transparency", status, f"soft masks, alpha or blend modes on {pages_text(found)}{why}")]


def image_resolution(events: list[Event], edition: str) -> list[Finding]:
    images = [e for e in events if e.kind == "image" and e.space != "mask"]
    if not images:
        return [Finding("image resolution", OK, "no images")]
    findings = []
    for event in images:
        ppi = _ppi(event)
        if edition == "print" and ppi < PRINT_PPI:
            status = ERROR if ppi < LOWEST_PPI else WARNING
            findings.append(Finding("image resolution", status,
                                    f"page {event.page}: {ppi:.0f} ppi at placed size (print needs "
                                    f"{PRINT_PPI})"))
        elif edition != "print" and ppi > SCREEN_PPI_MAX:
            findings.append(Finding("image resolution", WARNING,
                                    f"page {event.page}: {ppi:.0f} ppi; downsample for the screen"))
    lowest = min(_ppi(e) for e in images)
    return findings or [Finding("image resolution", OK, f"{len(images)} images, lowest {lowest:.0f} ppi")]


def _transparent(event: Event) -> bool:
    obj = event.obj
    if event.kind == "group":
        return True
    if event.kind == "gstate" and obj is not None:
        alpha = any(float(obj.get(key, 1)) < 1 for key in ("/CA", "/ca"))
        smask = obj.get("/SMask")
        mask = smask is not None and smask != pikepdf.Name("/None")
        blend = str(obj.get("/BM", "/Normal")) not in ("/Normal", "/Compatible")
        return alpha or mask or blend
    if event.kind == "image" and obj is not None:
        return "/SMask" in obj or "/SMaskInData" in obj
    return False


def _ppi(event: Event) -> float:
    width, height = event.size
    pixels_w, pixels_h = int(event.obj.get("/Width", event.obj.get("/W", 0))), int(
        event.obj.get("/Height", event.obj.get("/H", 0)))
    return min(pixels_w / max(width / 72, 1e-9), pixels_h / max(height / 72, 1e-9))


EventCheck = Callable[[list[Event], str], list[Finding]]
_EVENT_CHECKS: tuple[EventCheck, ...] = (colour_spaces, black_text, ink_coverage, transparency,
                                          image_resolution)


def check_colour(events: list[Event], edition: str) -> list[Finding]:
    return [finding for check in _EVENT_CHECKS for finding in check(events, edition)]
