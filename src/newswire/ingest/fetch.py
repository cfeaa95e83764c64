"""Fetching one URL: http(s) only, with a timeout and a size limit.

Every network read in newswire goes through :func:`fetch_url` (feed URLs named on the
command line, and the pages feed entries link to when the user passes ``--fetch``).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from .rejected import Rejected

__all__ = ["DEFAULT_FETCH_BYTES", "DEFAULT_TIMEOUT", "Fetched", "fetch_url", "is_url"]

#: Seconds to wait for the connection and for each read.
DEFAULT_TIMEOUT = 10.0
#: Largest response body read (bytes); longer responses are refused.
DEFAULT_FETCH_BYTES = 10_000_000
_USER_AGENT = "newswire/1 (+https://github.com/; news event coder)"
_CHUNK = 65536


@dataclass(frozen=True)
class Fetched:
    """A fetched response: its final URL (after redirects), body and declared content type."""

    url: str
    data: bytes
    content_type: str


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL (what :func:`fetch_url` accepts)."""
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def fetch_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_FETCH_BYTES) -> Fetched:
    """GET ``url`` (http or https only); raises :class:`Rejected` with the reason on any failure.

    The body is read in chunks and refused as soon as it passes ``max_bytes``; ``timeout``
    bounds the connection and every read.
    """
    if not is_url(url):
        raise Rejected(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final = response.geturl()
            if not is_url(final):
                raise Rejected(url, f"redirected to a non-http(s) URL {final!r}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise Rejected(url, f"response is {int(declared)} bytes, over the limit of {max_bytes}")
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise Rejected(url, f"response is over the limit of {max_bytes} bytes")
                chunks.append(chunk)
            return Fetched(final, b"".join(chunks), response.headers.get("Content-Type", "") or "")
    except Rejected:
        raise
    except urllib.error.HTTPError as exc:
        raise Rejected(url, f"HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise Rejected(url, f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise Rejected(url, f"timed out after {timeout:g}s") from None
    except (OSError, ValueError) as exc:
        raise Rejected(url, f"cannot fetch: {exc}") from None
