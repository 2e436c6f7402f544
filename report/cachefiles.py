"""Files of the build cache: checked entries, atomic writes, remembered file hashes.

Shared by the stages that keep something in the cache folder (build.py's
cache_folder(): `.cache/` beside the output PDF). Every entry is written
atomically and carries its length and a CRC-32 of its payload, so a
truncated or damaged entry reads as missing and is made again; a cache that
cannot be written or read only costs time. The folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
import tempfile
import zlib
from pathlib import Path

_HEADER = struct.Struct(">QI")  # payload length, CRC-32 of the payload
_HASHES: dict[tuple, str] = {}  # this process's file hashes, by the file's stat
_DISTRIBUTIONS: list[str] = []  # installed_distributions(), once per process
_MEMO_FROM = 1 << 20  # smaller files are hashed again: that is as quick as reading a memo


def read_entry(path: Path, magic: bytes) -> bytes | None:
    """The payload of the entry at `path`, or None if it is missing, truncated or corrupt."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(magic) + _HEADER.size
    if len(data) < start or not data.startswith(magic):
        return None
    length, crc = _HEADER.unpack_from(data, len(magic))
    payload = data[start:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    return payload


def write_entry(path: Path, magic: bytes, payload: bytes) -> None:
    """Write an entry atomically: a reader sees the old file, the new one, or none."""
    write_atomically(path, magic + _HEADER.pack(len(payload), zlib.crc32(payload)) + payload)


def brochure_entry(cache: Path, kind: str, folder: Path, edition: str, suffix: str) -> Path:
    """The entry of `kind` kept for one brochure folder and edition (the page log, set lines)."""
    name = hashlib.sha256(f"{folder.resolve()}\n{edition}".encode()).hexdigest()[:40]
    return cache / kind / f"{name}{suffix}"


def write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)


def file_sha256(path: Path, cache_dir: Path | None = None) -> str:
    """The SHA-256 of a file's content, hashed once per version of the file.

    Hashing the four fonts (50 MB) takes longer than a warm build may, so the
    digest of a file of a megabyte or more is remembered in `<cache>/hashes/` under the file's identity and
    stat: path, device, inode, size, and modification and change times in
    nanoseconds. Writing a file changes its ctime, which no tool can set
    back, so a changed file is always hashed again.
    """
    stat = path.stat()
    identity = (str(path.resolve()), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns,
                stat.st_ctime_ns)
    memo = None
    if cache_dir is not None and stat.st_size >= _MEMO_FROM:
        memo = cache_dir / "hashes" / hashlib.sha256(repr(identity).encode("utf-8")).hexdigest()
    if identity not in _HASHES:
        known = read_entry(memo, b"sha256") if memo is not None else None
        if known is not None and len(known) == 64 and known.isalnum():
            _HASHES[identity] = known.decode("ascii")
            return _HASHES[identity]
        _HASHES[identity] = _hash_file(path)
    if memo is not None and not memo.is_file():
        write_entry(memo, b"sha256", _HASHES[identity].encode("ascii"))
    return _HASHES[identity]


def package_version(name: str) -> str:
    """An installed distribution's version, from the name of its `.dist-info` folder.

    importlib.metadata takes 20 ms to import and 20 ms to parse matplotlib's METADATA.
    """
    prefix = name.lower().replace("-", "_") + "-"
    for entry in installed_distributions():
        if entry.lower().startswith(prefix) and entry.endswith(".dist-info"):
            return entry[len(prefix):-len(".dist-info")]
    from importlib import metadata  # not installed as a wheel: ask the slow way

    return metadata.version(name)


_PREFIXES = tuple(dict.fromkeys((sys.prefix, sys.base_prefix, sys.exec_prefix)))


def installed_distributions() -> list[str]:
    """The `name-version.dist-info` (and `.egg-info`) folders on sys.path, sorted."""
    if not _DISTRIBUTIONS:
        names = set()
        # Only the installation's folders: the working folder (sys.path's "" under `python -c`)
        # is the user's, and path-hook entries are not folders at all.
        for folder in sys.path:
            if not folder or not os.path.isabs(folder) or not folder.startswith(_PREFIXES):
                continue
            try:
                with os.scandir(folder) as entries:
                    names.update(e.name for e in entries if e.name.endswith((".dist-info", ".egg-info")))
            except OSError:
                continue
        _DISTRIBUTIONS.extend(sorted(names))
    return _DISTRIBUTIONS


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
