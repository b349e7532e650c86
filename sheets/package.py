"""An uploaded .xlsx package, opened with bounded memory: the zip's directory
is checked before anything is decompressed, every part is parsed as a stream
(expat) with its bytes counted against a limit, and no part may declare a
DTD. Gives the sheets by title, the shared strings and the date styles; the
cells themselves are read by `sheets.stream`."""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from typing import Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

from sheets.limits import MB, Limits, not_a_sheet, too_big

__all__ = ["Package", "feed", "local", "open_package"]

CHUNK = 64 * 1024
Handler = Callable[..., Any]


@dataclass
class Package:
    archive: zipfile.ZipFile
    limits: Limits
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (title, part) in the workbook's order
    strings: list[str | None] = field(default_factory=list)  # None: longer than a cell may hold
    date_styles: set[int] = field(default_factory=set)  # cell style indexes that show a date
    epoch: datetime = WINDOWS_EPOCH


@lru_cache(maxsize=4096)
def local(name: str) -> str:
    """An element's or attribute's name without its namespace."""
    return name.rpartition(" ")[2]


def open_package(data: bytes, limits: Limits) -> Package:
    if _entries(data) > limits.parts:
        raise too_big(f"压缩包内的文件超过 {limits.parts} 个")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_a_sheet() from None
    package = Package(archive, limits)
    book = _target(_relations(package, "_rels/.rels", ""), "/officeDocument")
    if book is None:
        raise not_a_sheet("找不到工作簿")
    parts = _relations(package, posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels"),
                       posixpath.dirname(book))
    _workbook(package, book, parts)
    strings = _target(parts, "/sharedStrings")
    if strings is not None:
        _shared_strings(package, strings)
    styles = _target(parts, "/styles")
    if styles is not None:
        _styles(package, styles)
    return package


def feed(package: Package, part: str, limit: int, what: str, **handlers: Handler) -> Iterator[None]:
    """Parses a part a chunk at a time (yielding after each), calling the expat handlers given."""
    try:
        info = package.archive.getinfo(part)
    except KeyError:
        raise not_a_sheet(f"缺少 {part}") from None
    if info.file_size > limit:
        raise too_big(f"{what}解压后超过 {limit // MB} MB")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True  # text in one piece, not one call per character reference
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _no_dtd
    for name, handler in handlers.items():
        setattr(parser, name, handler)
    read = 0
    try:
        with package.archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                if read > limit:
                    raise too_big(f"{what}解压后超过 {limit // MB} MB")
                parser.Parse(chunk, False)
                yield
            parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError) as error:  # a broken stream, an unknown compression, an encrypted part
        raise not_a_sheet(f"{part} 无法读取") from error


def _no_dtd(*args: Any) -> None:
    raise ValueError("a DTD in a spreadsheet part")


def _entries(data: bytes) -> int:
    """The number of files the zip's end record declares, read before the directory itself."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        raise not_a_sheet()
    return int(struct.unpack_from("<H", data, at + 10)[0])


def _parse(package: Package, part: str, what: str, **handlers: Handler) -> None:
    for _ in feed(package, part, package.limits.part_bytes, what, **handlers):
        pass


def _relations(package: Package, part: str, base: str) -> list[tuple[str, str, str]]:
    """(id, type, part) of each internal relationship."""
    found: list[tuple[str, str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            found.append((attrs.get("Id", ""), attrs.get("Type", ""), posixpath.normpath(path)))

    _parse(package, part, "关系文件", StartElementHandler=start)
    return found


def _target(relations: list[tuple[str, str, str]], kind: str) -> str | None:
    return next((path for _, type_, path in relations if type_.endswith(kind)), None)


def _workbook(package: Package, part: str, relations: list[tuple[str, str, str]]) -> None:
    sheets = {rid: path for rid, type_, path in relations if type_.endswith("/worksheet")}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "workbookPr" and attrs.get("date1904") in ("1", "true"):
            package.epoch = MAC_EPOCH
        elif tag == "sheet":
            rid = next((v for k, v in attrs.items() if local(k) == "id"), "")
            if rid in sheets:
                package.sheets.append((attrs.get("name", ""), sheets[rid]))

    _parse(package, part, "工作簿", StartElementHandler=start)
    if not package.sheets:
        raise not_a_sheet("没有工作表")


def _shared_strings(package: Package, part: str) -> None:
    limits, strings = package.limits, package.strings
    state: dict[str, Any] = {"text": None, "parts": [], "phonetic": 0, "size": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "si":
            if len(strings) >= limits.strings:
                raise too_big(f"共享字符串超过 {limits.strings:,} 个")
            state.update(parts=[], size=0)
        elif tag == "rPh":
            state["phonetic"] += 1  # phonetic guides are not part of the text
        elif tag == "t" and not state["phonetic"]:
            state["text"] = state["parts"]

    def end(name: str) -> None:
        tag = local(name)
        if tag == "si":
            strings.append("".join(state["parts"]) if state["size"] <= limits.cell_chars else None)
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            state["text"] = None

    def text(data: str) -> None:
        if state["text"] is not None and state["size"] <= limits.cell_chars:
            state["size"] += len(data)
            state["text"].append(data)

    for _ in feed(package, part, limits.strings_bytes, "共享字符串", StartElementHandler=start,
                  EndElementHandler=end, CharacterDataHandler=text):
        pass


def _styles(package: Package, part: str) -> None:
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    cell_formats: list[int] = []
    inside: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "numFmt" and inside[-1:] == ["numFmts"]:
            formats[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif tag == "xf" and inside[-1:] == ["cellXfs"]:
            cell_formats.append(_int(attrs.get("numFmtId")))
        inside.append(tag)

    def end(name: str) -> None:
        inside.pop()

    _parse(package, part, "样式", StartElementHandler=start, EndElementHandler=end)
    package.date_styles = {i for i, number in enumerate(cell_formats) if is_date_format(formats.get(number))}


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        raise not_a_sheet("样式编号无效") from None
