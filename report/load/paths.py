"""Resolving file names written in YAML, confined to the brochure folder.

A brochure may only name files inside its own folder: no absolute paths, no
`..` escapes, no symlinks leading out, no URLs (nothing is ever fetched).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from report.diagnostics import shown
from report.load.nodes import NodeReader

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^(?:mailto|data|javascript|file):", re.IGNORECASE)


def resolve_in_folder(folder: Path, node: yaml.Node, what: str, reader: NodeReader) -> Path | None:
    """The file that `node` names inside `folder`, or None after reporting why not."""
    name = reader.text(node, what)
    if name is None:
        return None
    if _URL.match(name):
        reader.error(node, f"{what} '{shown(name)}' is a URL; the builder never fetches anything",
                     "copy the file into the brochure folder and name it here")
        return None
    if Path(name).is_absolute() or name.startswith("~"):
        reader.error(node, f"{what} '{shown(name)}' is an absolute path",
                     "name a file inside the brochure folder, relative to it")
        return None
    root = folder.resolve()
    try:
        target = (root / name).resolve()
    except RuntimeError:  # Python 3.11 raises this for a cycle of links
        reader.error(node, f"{what} '{shown(name)}' is a link in a loop of links",
                     "make the link point to a real file")
        return None
    if not target.is_relative_to(root):
        reader.error(node, f"{what} '{shown(name)}' is outside the brochure folder",
                     "files must be inside the brochure folder (no '..', no links leading out)")
        return None
    if not is_file(target):
        reader.error(node, f"{what} '{shown(name)}' not found in {folder}", _similar_file(root, name))
        return None
    return target


def is_file(path: Path) -> bool:
    """Path.is_file() that answers False where it would raise (a name over 255 bytes, ENAMETOOLONG)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _similar_file(root: Path, name: str) -> str | None:
    candidates = sorted(p.name for p in root.iterdir() if p.is_file())
    close = difflib.get_close_matches(Path(name).name, candidates, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
