"""Bytes to text: UTF-8 first, then a detected legacy encoding; binary data is refused."""

from __future__ import annotations

import codecs
import re

from .rejected import Rejected

__all__ = ["decode_bytes", "decode_html", "looks_binary", "normalise_newlines"]

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


def decode_bytes(data: bytes, origin: str) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` or raises :class:`Rejected`.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such; otherwise
    charset-normalizer picks a legacy encoding (Latin-1, Windows-1252, ...). Data with NUL
    bytes or many control characters is binary and refused.
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
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise Rejected(origin, f"not valid {encoding.upper()} despite its byte-order mark") from None
    if b"\x00" in data:
        raise Rejected(origin, "binary data (contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
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
# As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as Windows-1252.
_HTML_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                 "ascii": "cp1252", "iso-8859-1": "cp1252"}  # fmt: skip


def decode_html(data: bytes, origin: str) -> tuple[str, str]:
    """Decode an HTML page: UTF-8, else the charset its ``<meta>`` declares, else detection."""
    if b"\x00" not in data:
        try:
            return data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            pass
        m = _META_CHARSET.search(data[:8192])
        if m:
            label = m.group(1).decode("ascii", "replace").lower()
            try:
                name = codecs.lookup(_HTML_ALIASES.get(label, label)).name
                return data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_bytes(data, origin)
