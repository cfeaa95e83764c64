"""Browser tests: real headless Chromium (selenium) against a live `newswire serve` on a loopback port,
over a database ingested from examples/articles with the real pipeline.

Assertions are structural (the examples' exact extractions belong to other components): the
dashboard loads, filtering by an actor keeps only that actor's events, an article shows its
highlights and the "why" on hover, the CSV download holds the filtered rows, and every chart draws
(screenshots are checked to be non-blank). Screenshots go to $NEWSWIRE_SCREENSHOTS or a temp folder.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newswire.export import EVENT_FIELDS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="headless Chromium and chromedriver are not installed "
        "(apt-get install chromium chromium-driver; .ci/services.sh does it)",
    ),
]

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)  # fmt: skip


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 5) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return bytes(r.read())


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles ingested with the real `newswire ingest`."""
    db = tmp_path_factory.mktemp("browser") / "examples.db"
    proc = subprocess.run(
        [sys.executable, "-m", "newswire.cli", "ingest", str(EXAMPLES), "--db", str(db), "--no-progress"],
        check=False, capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return db


def _serve_command(db: Path, port: int) -> list[str]:
    from newswire.cli import main

    if "serve" in main.commands:
        return [sys.executable, "-m", "newswire.cli", "serve", "--db", str(db), "--port", str(port)]
    # Until the lead registers the command on the main group, run the same click command directly.
    code = "from newswire.web.cli import serve; serve()"
    return [sys.executable, "-c", code, "--db", str(db), "--port", str(port)]


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[str]:
    """A live `newswire serve` on a free loopback port; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [*_serve_command(database, port), "--host", "127.0.0.1", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                health = json.loads(_get(base + "/api/health", timeout=2))
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"newswire serve did not start: {err}")
                time.sleep(0.3)
        assert health["documents"] == len([p for p in EXAMPLES.iterdir() if p.is_file()])
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("NEWSWIRE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    opts.add_argument("--window-size=1280,1000")
    opts.binary_location = CHROMIUM or ""
    opts.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER or ""), options=opts)
    try:
        drv.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        drv.set_page_load_timeout(30)
        yield drv
    finally:
        drv.quit()


# -- helpers ----------------------------------------------------------------------------------


def _wait(drv: Any, css: str, timeout: float = 15) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into rows of pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = depth = ctype = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def _check_screenshot(drv: Any, path: Path, *, element: Any = None) -> None:
    """Save a screenshot and check it is not blank: many colours, and most pixels not the background."""
    png = element.screenshot_as_png if element is not None else drv.get_screenshot_as_png()
    path.write_bytes(png)
    width, bpp, rows = _png_pixels(png)
    colours: Counter[bytes] = Counter()
    for row in rows[:: max(1, len(rows) // 200)]:
        for x in range(0, width * bpp, bpp * max(1, width // 300)):
            colours[row[x : x + 3]] += 1
    total = sum(colours.values())
    background = colours.most_common(1)[0][1]
    assert len(colours) >= 8, f"{path.name}: only {len(colours)} colours: blank?"
    assert background / total < 0.995, f"{path.name}: {background / total:.3f} of pixels are one colour"


def _severe_console_errors(drv: Any) -> list[str]:
    return [e["message"] for e in drv.get_log("browser") if e["level"] == "SEVERE"]


def _top_actor(base: str) -> str:
    """The actor with most events in the database (whatever the pipeline extracted)."""
    items = json.loads(_get(base + "/api/actors?limit=50"))["items"]
    named = [a for a in items if a["events"] > 0 and len(a["name"]) > 3]
    assert named, "the example articles gave no actor with events"
    return str(named[0]["name"])


# -- tests ------------------------------------------------------------------------------------


def test_events_table_filter_and_csv_download(driver: Any, server: str, downloads: Path, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server + "/")
    _wait(driver, "#events-table tbody tr")
    total_rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
    health = json.loads(_get(server + "/api/health"))
    assert len(total_rows) == min(health["events"], 100)
    _check_screenshot(driver, shots / "events.png")

    actor = _top_actor(server)
    box = driver.find_element(By.ID, "f-actor")
    box.clear()
    box.send_keys(actor)
    driver.find_element(By.ID, "f-submit").click()
    _wait(driver, "#event-count")
    assert "actor=" in driver.current_url
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
    expected = json.loads(_get(server + "/api/events?limit=1000&actor=" + urllib.request.quote(actor)))
    assert 0 < len(rows) == expected["total"] <= health["events"]
    for row in rows:
        cells = row.find_elements(By.CSS_SELECTOR, "td.actor")
        assert any(actor.lower() in c.text.lower() for c in cells), row.text
    _check_screenshot(driver, shots / "events-filtered.png")

    for old in downloads.glob("*"):
        old.unlink()
    driver.find_element(By.ID, "dl-csv").click()
    deadline = time.monotonic() + 20
    files: list[Path] = []
    while time.monotonic() < deadline:
        files = [p for p in downloads.glob("*.csv") if not p.name.endswith(".crdownload")]
        if files:
            break
        time.sleep(0.2)
    assert files, f"no CSV downloaded into {downloads}: {list(downloads.iterdir())}"
    with files[0].open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == EVENT_FIELDS
        got = list(reader)
    assert len(got) == expected["total"]
    assert all(actor.lower() in (r["source_name"] + " " + r["target_name"]).lower() for r in got)
    assert _severe_console_errors(driver) == []


def test_article_highlights_and_why_on_hover(driver: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver.get(server + "/documents")
    _wait(driver, "#documents-table a.doc-link")
    driver.find_element(By.CSS_SELECTOR, "#documents-table a.doc-link").click()
    text = _wait(driver, "#nw-text")
    for kind in ("actor", "event", "place"):
        assert text.find_elements(By.CSS_SELECTOR, f".hl-{kind}"), f"no {kind} highlighted"
    trigger = text.find_element(By.CSS_SELECTOR, ".hl-event")
    ActionChains(driver).move_to_element(trigger).perform()
    tip = driver.find_element(By.ID, "nw-tip")
    deadline = time.monotonic() + 5
    while not tip.is_displayed() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tip.is_displayed()
    assert "why: rule" in tip.text and "evidence" in tip.text
    assert text.find_elements(By.CSS_SELECTOR, ".hl-evidence"), "hovering a trigger marks its evidence"
    _check_screenshot(driver, shots / "article.png")
    # The page's visible text is the record's text: nothing was inserted or lost by highlighting.
    doc_id = driver.current_url.rstrip("/").split("/")[-1].split("#")[0]
    record = json.loads(_get(f"{server}/api/documents/{doc_id}"))
    assert driver.execute_script("return document.getElementById('nw-text').textContent") == record["text"]
    assert _severe_console_errors(driver) == []


@pytest.mark.parametrize(
    ("page", "svg", "marks"),
    [
        ("timeline", "#timeline-svg", "rect"),
        ("map", "#map-svg", "path.country"),
        ("network", "#network-svg", "g.node"),
    ],
)
def test_charts_draw(driver: Any, server: str, shots: Path, page: str, svg: str, marks: str) -> None:
    from selenium.webdriver.common.by import By

    assets = json.loads(_get(server + "/api/health"))["assets"]
    assert assets, "the chart libraries are not installed: run `npm ci --ignore-scripts` (make install does)"

    driver.get(f"{server}/{page}")
    chart = _wait(driver, f"{svg} {marks}", timeout=20)
    assert chart is not None
    drawn = driver.find_elements(By.CSS_SELECTOR, f"{svg} {marks}")
    assert len(drawn) >= (100 if page == "map" else 1)
    if page == "map":
        shaded = driver.execute_script(
            "return Array.from(document.querySelectorAll('#map-svg path.country'))"
            ".filter(p => p.getAttribute('fill') !== '#f3f4f6').length"
        )
        countries = json.loads(_get(server + "/api/map"))["countries"]
        assert shaded == len({c["numeric"] for c in countries if c["numeric"]})
    time.sleep(1.0 if page == "network" else 0.3)  # let the force layout settle
    _check_screenshot(driver, shots / f"{page}.png", element=driver.find_element(By.ID, "chart"))
    status = driver.find_element(By.ID, "chart-status").text
    assert status and "Could not" not in status
    assert _severe_console_errors(driver) == []


def test_balance_chart(driver: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    edges = json.loads(_get(server + "/api/network"))
    assert edges["edges"], "no actor pair in the examples"
    names = {n["id"]: n["name"] for n in edges["nodes"]}
    first = edges["edges"][0]
    driver.get(server + "/timeline")
    _wait(driver, "#timeline-svg rect")
    driver.find_element(By.ID, "balance-a").send_keys(names[first["source"]])
    driver.find_element(By.ID, "balance-b").send_keys(names[first["target"]])
    driver.find_element(By.CSS_SELECTOR, "#balance-form button").click()
    _wait(driver, "#balance-svg rect")
    assert "event(s) between" in driver.find_element(By.ID, "balance-status").text
    _check_screenshot(driver, shots / "balance.png", element=driver.find_element(By.ID, "balance"))
    assert _severe_console_errors(driver) == []


def test_analyse_pasted_text(driver: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server + "/try")
    box = _wait(driver, "#try-text")
    box.send_keys(
        "Egypt's foreign minister met his Jordanian counterpart in Cairo on Sunday, "
        "and both called for an immediate ceasefire, the ministry said."
    )
    driver.find_element(By.ID, "try-submit").click()
    text = _wait(driver, "#nw-text", timeout=90)  # the first analysis loads the pipeline
    assert "Cairo" in text.text
    assert text.find_elements(By.CSS_SELECTOR, ".hl"), "nothing highlighted in the analysed text"
    _check_screenshot(driver, shots / "try.png")
    assert json.loads(_get(server + "/api/health"))["documents"] == len(
        [p for p in EXAMPLES.iterdir() if p.is_file()]
    )
    assert _severe_console_errors(driver) == []


def test_api_docs_page_works_offline(driver: Any, server: str, shots: Path) -> None:
    driver.get(server + "/docs")
    _wait(driver, ".swagger-ui .opblock", timeout=20)
    _check_screenshot(driver, shots / "api-docs.png")
    assert _severe_console_errors(driver) == []
