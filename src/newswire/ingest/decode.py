"""Bytes to text: UTF-8 first, then a detected legacy encoding; binary data is refused."""

from __future__ import annotations

import codecs
import re

from .rejected import Rejected

__all__ = ["binary_kind", "decode_bytes", "decode_html", "looks_binary", "normalise_newlines"]

# C0 control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.001
_NEWLINES = re.compile(r"\r\n?")


def looks_binary(text: str) -> bool:
    """Whether decoded text holds more control characters than real text ever does."""
    if "\x00" in text:
        return True
    n = len(_CONTROL.findall(text[:65536]))
    return n > max(2, _MAX_CONTROL_RATIO * min(len(text), 65536))


def normalise_newlines(text: str) -> str:
    """CRLF and CR line ends as LF."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


#: Preferred on a tie: English-language news in a legacy encoding is nearly always Windows-1252.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> tuple[str, str] | None:
    """Text and encoding of charset-normalizer's best match (Windows-1252 wins ties), or None."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    tied = [m for m in results if m.chaos <= best.chaos + 1e-9 and m.coherence >= best.coherence - 1e-9]
    for name in _PREFERRED:
        for match in tied:
            if match.encoding == name or name in match.could_be_from_charset:
                try:
                    return data.decode(name), name
                except UnicodeDecodeError:
                    break
    return str(best), best.encoding


#: File signatures of common binary formats, named in the rejection reason.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (convert it to text first)"),
    (b"PK\x03\x04", "a ZIP archive or an Office/EPUB file (unpack or convert it first)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"BZh", "bzip2-compressed data (decompress it first)"),
    (b"\xfd7zXZ\x00", "xz-compressed data (decompress it first)"),
    (b"(\xb5/\xfd", "zstd-compressed data (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls; convert it to text first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"RIFF", "a RIFF (WAV/AVI/WebP) media file"),
    (b"\x00\x00\x01\x00", "an icon image"),
)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts like (from its signature), or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:256]:
                continue  # plain text that happens to start with "MZ"
            if magic in (b"BZh", b"ID3", b"OggS", b"RIFF") and not _has_controls(data[:64]):
                continue
            return kind
    return None


def _has_controls(data: bytes) -> bool:
    return any(b < 9 or 13 < b < 32 for b in data)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when data looks like UTF-16 without a byte-order mark.

    Text in Latin, Greek or Cyrillic script in UTF-16 has a NUL (or small) high byte in nearly
    every code unit: NULs at (nearly) every odd offset (LE) or even offset (BE), few elsewhere.
    """
    head = data[:4096]
    if len(head) < 8:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2], head[1::2]
    n = len(even)
    for nuls, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) >= 0.6 * n and other.count(0) <= 0.02 * n:
            return name
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a cut or spliced file), broken bytes as U+FFFD.

    Only when the rest has real multi-byte UTF-8 sequences, at least twice as many as broken
    ones, which a legacy encoding (Windows-1252 "café") practically never produces.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good >= 3 and bad * 2 <= good:
        return text
    return None


def decode_bytes(data: bytes, origin: str) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` or raises :class:`Rejected`.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such, and UTF-16 without
    a BOM is recognised; UTF-8 with a few broken bytes keeps the rest (``utf-8 (N bytes
    replaced)``); otherwise charset-normalizer picks a legacy encoding (Latin-1,
    Windows-1252, ...). Known binary formats (PNG, PDF, ZIP, ELF, ...) and data with NUL bytes
    or many control characters are refused, with what they look like.
    """
    if not data.strip():
        raise Rejected(origin, "empty input (no text)")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise Rejected(origin, f"not valid {encoding.upper()} despite its byte-order mark") from None
            if not text.strip():
                raise Rejected(origin, "empty input (no text)")
            if looks_binary(text):
                raise Rejected(origin, "binary data (control characters), not text")
            return text, encoding
    kind = binary_kind(data)
    if kind is not None:
        raise Rejected(origin, f"binary data, not text: {kind}")
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide is not None:
            try:
                text = data[: len(data) // 2 * 2].decode(wide)
            except UnicodeDecodeError:
                text = ""
            if text.strip() and not looks_binary(text):
                return text, wide
        raise Rejected(origin, "binary data (contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        mostly = _mostly_utf8(data)
        if mostly is not None:
            bad = mostly.count("\ufffd") - data.count("\ufffd".encode())
            text, encoding = mostly, f"utf-8 ({bad} invalid byte sequence(s) replaced)"
        else:
            found = _detect(data)
            if found is None:
                raise Rejected(
                    origin,
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) "
                    "and no other text encoding fits",
                ) from None
            text, encoding = found
    if looks_binary(text):
        raise Rejected(origin, "binary data (control characters), not text")
    return text, encoding


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ASCII_COMPATIBLE = frozenset(["utf-8", "gbk", "gb18030", "gb2312", "big5", "big5hkscs", "shift_jis", "euc_jp",
                               "euc_kr", "euc-jp", "euc-kr", "iso2022_jp", "tis-620"])
# As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as Windows-1252.
_HTML_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                 "ascii": "cp1252", "iso-8859-1": "cp1252"}  # fmt: skip


def decode_html(data: bytes, origin: str) -> tuple[str, str]:
    """Decode an HTML page: UTF-8, else the charset its ``<meta>`` declares, else detection."""
    if b"\x00" not in data and data.strip():
        found: tuple[str, str] | None = None
        try:
            found = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            m = _META_CHARSET.search(data[:8192])
            if m:
                label = m.group(1).decode("ascii", "replace").lower()
                try:
                    name = codecs.lookup(_HTML_ALIASES.get(label, label)).name
                    if name in _ASCII_COMPATIBLE or name.startswith(("cp", "iso8859", "mac", "koi8", "windows")):
                        found = data.decode(name), name
                except (LookupError, UnicodeDecodeError, ValueError):
                    pass
        if found is not None:
            if looks_binary(found[0]):
                raise Rejected(origin, "binary data (control characters), not HTML")
            return found
    return decode_bytes(data, origin)
