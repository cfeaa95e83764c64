"""The web server's guards: the write token, request limits and security headers (ASGI middleware).

- :class:`WriteGuard` answers write requests (``POST /api/documents``) before their body is read:
  403 when writing is disabled (no token configured), 401 without the right
  ``Authorization: Bearer <token>`` (compared in constant time).
- :class:`RequestLimits` refuses NUL characters in the URL (400), over-long query strings (414)
  and request bodies over the limit of their path (413, counted while reading, whatever the
  ``Content-Length`` says).
- :class:`SecurityHeaders` adds ``X-Content-Type-Options``, ``Referrer-Policy``,
  ``X-Frame-Options`` and a default Content-Security-Policy to every response.
"""

from __future__ import annotations

import hmac
import json
import os
import stat
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from ..errors import NewswireError
from ..ingest.readers import text_problem

__all__ = [
    "MIN_TOKEN_LENGTH",
    "TOKEN_ENV",
    "BodyLimit",
    "RequestLimits",
    "SecurityHeaders",
    "TokenError",
    "WriteGuard",
    "bearer_token",
    "check_token",
    "load_token",
    "text_problem",
    "token_matches",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Environment variable holding the write token (alternative to ``--write-token-file``).
TOKEN_ENV = "NEWSWIRE_WRITE_TOKEN"
#: Shortest write token accepted (characters).
MIN_TOKEN_LENGTH = 16
#: Longest query string accepted (bytes, percent-encoded).
MAX_QUERY_BYTES = 8192
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class TokenError(NewswireError):
    """The write token cannot be used (unreadable file, empty, too short)."""


def check_token(token: str, where: str) -> str:
    """``token`` stripped, or :class:`TokenError` when it is empty, short or has spaces or controls."""
    token = token.strip()
    if not token:
        raise TokenError(f"the write token in {where} is empty")
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenError(
            f"the write token in {where} is {len(token)} characters; use at least {MIN_TOKEN_LENGTH} "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
        )
    if any(ch.isspace() or ord(ch) < 33 or ord(ch) == 127 for ch in token):
        raise TokenError(f"the write token in {where} must not contain spaces or control characters")
    return token


def load_token(path: str | Path | None = None, environ: Mapping[str, str] | None = None) -> tuple[str | None, list[str]]:
    """The write token from the file ``path`` (its first line), else from ``$NEWSWIRE_WRITE_TOKEN``;
    None when neither is set. Also returns warnings (a file readable by other users).

    Raises :class:`TokenError` on an unreadable file or an unusable token.
    """
    env = os.environ if environ is None else environ
    warnings: list[str] = []
    if path is not None:
        p = Path(path)
        try:
            raw = p.read_text(encoding="utf-8")
            mode = p.stat().st_mode
        except (OSError, UnicodeDecodeError) as exc:
            raise TokenError(f"cannot read the write token file {p}: {getattr(exc, 'strerror', None) or exc}") from None
        if mode & (stat.S_IRGRP | stat.S_IROTH | stat.S_IWGRP | stat.S_IWOTH):
            warnings.append(f"the write token file {p} is readable by other users: chmod 600 {p}")
        lines = raw.splitlines()
        return check_token(lines[0] if lines else "", str(p)), warnings
    value = env.get(TOKEN_ENV)
    if value is None or value == "":
        return None, warnings
    return check_token(value, f"${TOKEN_ENV}"), warnings


def bearer_token(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    for name, value in headers:
        if name.lower() == b"authorization":
            scheme, _, rest = value.decode("latin-1").strip().partition(" ")
            if scheme.lower() == "bearer" and rest.strip():
                return rest.strip()
            return None
    return None


def token_matches(given: str | None, expected: str | None) -> bool:
    """Whether ``given`` is the write token, compared in constant time (hmac.compare_digest)."""
    if given is None or expected is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8"))


async def _send_json(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    payload = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


#: What a client is told when writing is disabled.
WRITES_DISABLED = (
    "writing is disabled on this server (no write token): start `newswire serve` with --write-token-file FILE "
    f"(or ${TOKEN_ENV}) to enable POST /api/documents"
)


class WriteGuard:
    """ASGI middleware: authorise write requests before anything reads their body."""

    def __init__(self, app: ASGIApp, token: str | None, paths: tuple[str, ...]) -> None:
        self.app, self.token, self.paths = app, token, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _BODY_METHODS or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        if self.token is None:
            await _send_json(send, 403, WRITES_DISABLED)
            return
        if not token_matches(bearer_token(scope.get("headers", [])), self.token):
            await _send_json(
                send, 401, "missing or wrong write token: send `Authorization: Bearer <token>`",
                [(b"www-authenticate", b'Bearer realm="newswire"')],
            )  # fmt: skip
            return
        await self.app(scope, receive, send)


class RequestLimits:
    """ASGI middleware: refuse NUL characters in the URL, over-long query strings, and request
    bodies over ``limits[path]`` (else ``limit``) bytes for methods that carry a body."""

    def __init__(self, app: ASGIApp, limit: int, limits: Mapping[str, int] | None = None) -> None:
        self.app, self.limit, self.limits = app, limit, dict(limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        query = bytes(scope.get("query_string", b""))
        if "\x00" in path or b"%00" in query or b"\x00" in query:
            await _send_json(send, 400, "NUL characters are not allowed in the URL")
            return
        if len(query) > MAX_QUERY_BYTES:
            await _send_json(send, 414, f"query string too long (limit {MAX_QUERY_BYTES} bytes)")
            return
        if scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(path, self.limit)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _send_json(send, 413, f"request body too large (limit {limit} bytes)")
                return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # disconnect: let the app see it
                return
            body += message.get("body", b"")
            more = bool(message.get("more_body"))
            if len(body) > limit:
                await _send_json(send, 413, f"request body too large (limit {limit} bytes)")
                return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


#: Kept for callers of the earlier name: a body limit on every POST (see :class:`RequestLimits`).
BodyLimit = RequestLimits


#: Headers every response gets (unless the route set them).
BASE_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    # JSON, downloads and errors: nothing in them may run or load anything.
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}


class SecurityHeaders:
    """ASGI middleware: add :data:`BASE_HEADERS` to every response that does not set them."""

    def __init__(self, app: ASGIApp, headers: Mapping[str, str] | None = None) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in (headers or BASE_HEADERS).items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
