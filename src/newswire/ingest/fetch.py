"""Fetching one URL: http(s) only, with a timeout and a size limit.

Every network read in newswire goes through this module. :func:`fetch_url` is the command
line's fetcher (feed URLs named on the command line, and the pages feed entries link to when
the user passes ``--fetch``): the user asked for those URLs, so it may fetch any address.

:class:`SafeFetcher` is the guarded fetcher for URLs that come from someone else (the web API's
``POST /api/documents`` with ``{"url": ...}``, only when ``newswire serve --allow-fetch``): it
refuses private, loopback, link-local, multicast, reserved and unspecified addresses (IPv4 and
IPv6, including IPv4 addresses embedded in IPv6 ones), resolves each host name once and connects
to exactly the address it checked (no DNS rebinding between check and connection), follows
redirects itself and checks every hop, ignores proxy settings, and bounds the size, the time
of each read and the total time.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from .rejected import Rejected

__all__ = [
    "DEFAULT_FETCH_BYTES",
    "DEFAULT_TIMEOUT",
    "AddressPolicy",
    "Fetched",
    "Resolver",
    "SafeFetcher",
    "fetch_url",
    "is_url",
    "public_address_policy",
    "system_resolver",
]

#: Seconds to wait for the connection and for each read.
DEFAULT_TIMEOUT = 10.0
#: Largest response body read (bytes); longer responses are refused.
DEFAULT_FETCH_BYTES = 10_000_000
_USER_AGENT = "newswire/1 (+https://github.com/; news event coder)"
_CHUNK = 65536

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Decides whether an address may be connected to: None when allowed, else the reason it is not.
AddressPolicy = Callable[[IPAddress], str | None]
#: Resolves (host, port) to the addresses to try, in order.
Resolver = Callable[[str, int], Sequence[IPAddress]]


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
    bounds the connection and every read. Any address is allowed (the user named the URL):
    for URLs from untrusted callers use :class:`SafeFetcher`.
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


# -- the guarded fetcher ------------------------------------------------------------------------

#: IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052 / RFC 8215).
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
#: Host names that always mean this machine or its local network, whatever DNS says.
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, 6to4, NAT64, Teredo), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    for net in _NAT64:
        if ip in net:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def public_address_policy(ip: IPAddress) -> str | None:
    """The default :data:`AddressPolicy`: only globally routable unicast addresses.

    Refuses (giving the reason) loopback, private (RFC 1918, ULA), shared (100.64/10), link-local,
    multicast, reserved, unspecified and documentation addresses, and IPv6 addresses that embed
    such an IPv4 address (``::ffff:127.0.0.1``, 6to4, NAT64, Teredo).
    """
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("not globally routable", not ip.is_global),
    )
    for name, hit in checks:
        if hit:
            return f"{ip} is a {name} address" if name != "not globally routable" else f"{ip} is {name}"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            why = public_address_policy(inner)
            if why is not None:
                return f"{ip} embeds {inner}: {why}"
    return None


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The addresses ``host`` resolves to (the system resolver; numeric forms such as
    ``2130706433`` or ``0x7f.1`` come back as the address they denote)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    out: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    return out


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a host name that connects to one already-checked address."""

    def __init__(self, host: str, port: int, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((str(self._address), self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to one already-checked address, verifying the certificate for the host name (SNI)."""

    def __init__(self, host: str, port: int, address: IPAddress, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._context = context

    def connect(self) -> None:
        raw = socket.create_connection((str(self._address), self.port), self.timeout)
        try:
            self.sock = self._context.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass
class SafeFetcher:
    """A fetcher for untrusted URLs: public addresses only (by default), every redirect hop checked.

    Call it like :func:`fetch_url`: ``SafeFetcher()(url)`` returns :class:`Fetched` or raises
    :class:`Rejected` with the reason. ``policy`` decides which addresses may be connected to
    (default :func:`public_address_policy`; a test may allow ``127.0.0.1`` explicitly);
    ``resolver`` maps a host name to addresses (default :func:`system_resolver`). Each hop's host
    is resolved once; every address it resolves to must pass the policy, and the connection goes
    to the first of them (the Host header and the TLS certificate check keep the host name).
    """

    policy: AddressPolicy = public_address_policy
    resolver: Resolver = system_resolver
    timeout: float = DEFAULT_TIMEOUT
    #: Wall-clock limit for the whole fetch, redirects included (seconds).
    total_timeout: float = 30.0
    max_bytes: int = DEFAULT_FETCH_BYTES
    max_redirects: int = 5
    #: Ports that may be connected to (None: any).
    ports: frozenset[int] | None = None
    ssl_context: ssl.SSLContext = field(default_factory=ssl.create_default_context)

    def __call__(self, url: str) -> Fetched:
        return self.fetch(url)

    def check_url(self, url: str) -> tuple[str, int, IPAddress]:
        """Check ``url`` without connecting: (host, port, address to connect to), or :class:`Rejected`."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https"):
            raise Rejected(url, f"only http and https URLs may be fetched, not {parts.scheme or 'no scheme'!r}")
        if parts.username is not None or parts.password is not None:
            raise Rejected(url, "URLs with credentials (user@host) are not fetched")
        host = parts.hostname
        if not host:
            raise Rejected(url, "the URL has no host")
        try:
            port = parts.port if parts.port is not None else (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise Rejected(url, "the URL's port is not a number from 0 to 65535") from None
        if port == 0 or (self.ports is not None and port not in self.ports):
            raise Rejected(url, f"port {port} is not allowed")
        host = host.rstrip(".").lower()
        try:
            ascii_host = host.encode("idna").decode("ascii") if not _is_ip_literal(host) else host
        except UnicodeError:
            raise Rejected(url, f"invalid host name {host!r}") from None
        literal = _ip_literal(ascii_host)
        if literal is None and (ascii_host in _LOCAL_NAMES or ascii_host.endswith(_LOCAL_SUFFIXES)):
            raise Rejected(url, f"{host} is a local host name")
        if literal is not None:
            addresses: Sequence[IPAddress] = [literal]
        else:
            try:
                addresses = self.resolver(ascii_host, port)
            except (OSError, UnicodeError, ValueError) as exc:
                raise Rejected(url, f"cannot resolve {host}: {exc}") from None
        if not addresses:
            raise Rejected(url, f"{host} resolves to no address")
        for address in addresses:
            why = self.policy(address)
            if why is not None:
                raise Rejected(url, f"refused: {host} resolves to a forbidden address ({why})")
        return ascii_host, port, addresses[0]

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` under the guard; raises :class:`Rejected` with the reason on any failure."""
        deadline = time.monotonic() + self.total_timeout
        current = url
        for _hop in range(self.max_redirects + 1):
            host, port, address = self.check_url(current)
            parts = urlsplit(current.strip())
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            conn = self._connection(parts.scheme, host, port, address, deadline)
            try:
                try:
                    conn.request("GET", path, headers=self._headers(host, port, parts.scheme))
                    response = conn.getresponse()
                except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
                    raise Rejected(url, self._reason(exc)) from None
                if response.status in _REDIRECTS:
                    location = response.getheader("Location")
                    if not location:
                        raise Rejected(url, f"HTTP {response.status} redirect without a Location")
                    current = urljoin(current, location.strip())
                    if not is_url(current):
                        raise Rejected(url, f"redirected to a non-http(s) URL {current!r}")
                    continue
                if response.status >= 400:
                    raise Rejected(url, f"HTTP error {response.status} {response.reason}")
                if response.status != 200:
                    raise Rejected(url, f"unexpected HTTP status {response.status} {response.reason}")
                data = self._read(url, response, conn, deadline)
                return Fetched(current, data, response.getheader("Content-Type", "") or "")
            finally:
                conn.close()
        raise Rejected(url, f"more than {self.max_redirects} redirects")

    # -- helpers --------------------------------------------------------------------------

    def _connection(
        self, scheme: str, host: str, port: int, address: IPAddress, deadline: float
    ) -> http.client.HTTPConnection:
        timeout = max(0.01, min(self.timeout, deadline - time.monotonic()))
        if scheme == "https":
            return _PinnedHTTPSConnection(host, port, address, timeout, self.ssl_context)
        return _PinnedHTTPConnection(host, port, address, timeout)

    @staticmethod
    def _headers(host: str, port: int, scheme: str) -> dict[str, str]:
        default = 443 if scheme == "https" else 80
        shown = f"[{host}]" if ":" in host else host
        return {
            "Host": shown if port == default else f"{shown}:{port}",
            "User-Agent": _USER_AGENT,
            "Accept": "*/*",
            "Accept-Encoding": "identity",
            "Connection": "close",
        }

    def _read(
        self, url: str, response: http.client.HTTPResponse, conn: http.client.HTTPConnection, deadline: float
    ) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > self.max_bytes:
            raise Rejected(url, f"response is {int(declared)} bytes, over the limit of {self.max_bytes}")
        chunks: list[bytes] = []
        size = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Rejected(url, f"took longer than {self.total_timeout:g}s")
            if conn.sock is not None:
                conn.sock.settimeout(max(0.01, min(self.timeout, left)))
            try:
                chunk = response.read(_CHUNK)
            except (OSError, http.client.HTTPException) as exc:
                raise Rejected(url, self._reason(exc)) from None
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise Rejected(url, f"response is over the limit of {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _reason(self, exc: BaseException) -> str:
        if isinstance(exc, TimeoutError | socket.timeout):
            return f"timed out after {self.timeout:g}s"
        if isinstance(exc, ssl.SSLError):
            return f"TLS error: {exc.reason or exc}"
        return f"cannot fetch: {exc}"


def _ip_literal(host: str) -> IPAddress | None:
    """``host`` as an IP address when it is written as one (dotted IPv4, IPv6, or the legacy
    forms ``inet_aton`` accepts: ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``)."""
    bare = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    return _legacy_ipv4(bare)


def _is_ip_literal(host: str) -> bool:
    return _ip_literal(host) is not None


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address of a numeric host in any form ``inet_aton`` accepts, else None."""
    parts = host.split(".")
    if host.endswith("."):
        parts = parts[:-1]
    if not 1 <= len(parts) <= 4:
        return None
    nums: list[int] = []
    for part in parts:
        if not part:
            return None
        try:
            if part.lower().startswith("0x"):
                value = int(part[2:] or "0", 16)
            elif len(part) > 1 and part.startswith("0"):
                value = int(part, 8)
            else:
                value = int(part, 10) if part.isascii() and part.isdigit() else -1
        except ValueError:
            return None
        if value < 0:
            return None
        nums.append(value)
    *head, last = nums
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(value)
