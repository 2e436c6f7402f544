"""Walking a PDF's content streams: every colour set, image placed and graphics state used.

Follows form XObjects (the booklet's pages are forms) with their matrices,
tracks the current transformation so images get their placed size, and
resolves named colour spaces through the resources. One pass gives the
events that the colour, transparency and resolution checks read.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
_DEVICE = {"/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern"}
_SHORT = {"/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/G": "/DeviceGray"}
_SHOW_TEXT = {"Tj", "TJ", "'", '"'}
_OPERATOR_SPACE = {"rg": "/DeviceRGB", "RG": "/DeviceRGB", "k": "/DeviceCMYK", "K": "/DeviceCMYK",
                   "g": "/DeviceGray", "G": "/DeviceGray"}


@dataclass(frozen=True)
class Event:
    """Something painted or set on a page."""

    page: int  # from 1
    kind: str  # fill, stroke, text, image, shading, gstate, group
    space: str = ""  # colour space family, e.g. DeviceRGB, ICCBased/3, Separation
    values: tuple[float, ...] = ()
    obj: pikepdf.Object | None = None  # the image, ExtGState, group, or the font of shown text
    size: tuple[float, float] = (0.0, 0.0)  # an image's placed width and height, pt
    data: bytes = b""  # the string of a text-show operator


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    stroke: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    stack: list[tuple[Matrix, tuple, tuple]] = field(default_factory=list)
    font: pikepdf.Object | None = None


def scan(pdf: pikepdf.Pdf) -> Iterator[Event]:
    """Every colour, image, shading and graphics state used on every page."""
    for number, page in enumerate(pdf.pages, 1):
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == Name.Transparency:
            yield Event(number, "group", obj=group)
        yield from _content(number, page.obj, page.obj.get("/Resources", pikepdf.Dictionary()),
                            IDENTITY, set())


def space_family(space: pikepdf.Object | None, resources: pikepdf.Object) -> str:
    """The family of a colour space object or name: DeviceRGB, ICCBased/3, Separation…"""
    if space is None:
        return "none"
    if isinstance(space, Name):
        name = _SHORT.get(str(space), str(space))
        if name in _DEVICE:
            return name[1:]
        named = resources.get("/ColorSpace", {}).get(name)
        return space_family(named, resources) if named is not None else name[1:]
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])[1:]
        if family == "ICCBased":
            return f"ICCBased/{int(space[1].get('/N', 0))}"
        if family in ("Indexed", "I"):
            return f"Indexed/{space_family(space[1], resources)}"
        return family
    return "unknown"


def is_rgb(family: str) -> bool:
    return family.split("/")[-1] in ("DeviceRGB", "CalRGB", "3", "Lab")


def _content(number: int, holder: pikepdf.Object, resources: pikepdf.Object, ctm: Matrix,
             seen: set) -> Iterator[Event]:
    state = _State(ctm=ctm)
    try:
        instructions = pikepdf.parse_content_stream(holder)
    except pikepdf.PdfError:
        return
    for instruction in instructions:
        operator = str(instruction.operator)
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            image = instruction.iimage
            yield Event(number, "image", space_family(image.obj.get("/ColorSpace")
                                                      or image.obj.get("/CS"), resources),
                        obj=image.obj, size=_placed(state.ctm))
            continue
        yield from _instruction(number, operator, list(instruction.operands), state, resources, seen)


def _instruction(number: int, operator: str, operands: list, state: _State,
                 resources: pikepdf.Object, seen: set) -> Iterator[Event]:
    if operator == "q":
        state.stack.append((state.ctm, state.fill, state.stroke))
    elif operator == "Q" and state.stack:
        state.ctm, state.fill, state.stroke = state.stack.pop()
    elif operator == "cm":
        state.ctm = _multiply(tuple(float(v) for v in operands), state.ctm)
    elif operator in _OPERATOR_SPACE:
        yield from _colour(number, operator, _OPERATOR_SPACE[operator][1:], operands, state)
    elif operator in ("cs", "CS"):
        family = space_family(operands[0], resources)
        yield from _colour(number, operator, family, [], state)
    elif operator in ("sc", "scn", "SC", "SCN"):
        current = state.fill if operator.islower() else state.stroke
        yield from _colour(number, operator, current[0], operands, state)
    elif operator == "Tf":
        state.font = resources.get("/Font", {}).get(str(operands[0]))
    elif operator in _SHOW_TEXT:
        yield Event(number, "text", state.fill[0], state.fill[1], obj=state.font,
                    data=_shown_bytes(operands))
    elif operator == "gs":
        gstate = resources.get("/ExtGState", {}).get(str(operands[0]))
        if gstate is not None:
            yield Event(number, "gstate", obj=gstate)
    elif operator == "sh":
        shading = resources.get("/Shading", {}).get(str(operands[0]))
        if shading is not None:
            yield Event(number, "shading", space_family(shading.get("/ColorSpace"), resources))
    elif operator == "Do":
        yield from _xobject(number, str(operands[0]), state, resources, seen)


def _shown_bytes(operands: list) -> bytes:
    """The bytes a text-show operator draws (TJ's strings joined, its kerning numbers left out)."""
    data = b""
    for operand in operands:
        items = operand if isinstance(operand, pikepdf.Array) else [operand]
        data += b"".join(bytes(item) for item in items if isinstance(item, pikepdf.String))
    return data


def _colour(number: int, operator: str, family: str, operands, state: _State) -> Iterator[Event]:
    values = tuple(float(v) for v in operands if not isinstance(v, Name))
    if operator.islower():
        state.fill = (family, values)
        yield Event(number, "fill", family, values)
    else:
        state.stroke = (family, values)
        yield Event(number, "stroke", family, values)


def _xobject(number: int, name: str, state: _State, resources: pikepdf.Object,
             seen: set) -> Iterator[Event]:
    xobject = resources.get("/XObject", {}).get(name)
    if xobject is None:
        return
    subtype = xobject.get("/Subtype")
    if subtype == Name.Image:
        family = "mask" if xobject.get("/ImageMask", False) else space_family(
            xobject.get("/ColorSpace"), resources)
        yield Event(number, "image", family, obj=xobject, size=_placed(state.ctm))
    elif subtype == Name.Form and xobject.objgen not in seen:
        group = xobject.get("/Group")
        if group is not None and group.get("/S") == Name.Transparency:
            yield Event(number, "group", obj=group)
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        inner = xobject.get("/Resources", resources)
        yield from _content(number, xobject, inner, _multiply(matrix, state.ctm),
                            seen | {xobject.objgen})


def _multiply(m: tuple, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    return (a * n[0] + b * n[2], a * n[1] + b * n[3], c * n[0] + d * n[2], c * n[1] + d * n[3],
            e * n[0] + f * n[2] + n[4], e * n[1] + f * n[3] + n[5])


def _placed(ctm: Matrix) -> tuple[float, float]:
    """An image's size on the page: the unit square through the CTM."""
    return math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
