"""A written map opened in headless Chromium (through Selenium, the ``test`` extra), to check
it and to time it: the browser tests and ``benchmarks/map_scale.py`` share it.

Offline by construction: the driver and the browser are given by path, so Selenium
Manager never runs (and ``SE_OFFLINE`` tells it not to download should it run), and
every host name is unresolvable, so a page can only use what it carries itself.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pragma: no cover
    from selenium.webdriver.chromium.webdriver import ChromiumDriver as WebDriver

CHROMIUM = Path(os.environ.get("GEOMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("GEOMAP_CHROMEDRIVER", "/usr/bin/chromedriver"))
WINDOW = (1280, 900)
READY = "return document.documentElement.dataset.geomapReady === 'true'"
TILE_HOST = "tile.openstreetmap.org"
# Chromium's console line for a resource that could not be fetched: "URL - Failed to load..."
_FAILED_RESOURCE = re.compile(r"^(\S+) - Failed to load resource: net::ERR_\w+")


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def browser_available() -> bool:
    """True when Selenium, Chromium and chromedriver are all installed."""
    return _selenium_installed() and _executable(CHROMIUM) and _executable(CHROMEDRIVER)


def missing_browser() -> str:
    """Why ``browser_available()`` is False, for skip messages."""
    missing = []
    if not _selenium_installed():
        missing.append("the selenium package (pip install selenium)")
    missing += [
        f"{path} (apt-get install {package})"
        for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver"))
        if not _executable(path)
    ]
    return "needs " + ", ".join(missing) if missing else "browser available"


def _selenium_installed() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return True


def start_chromium(
    width: int = WINDOW[0], height: int = WINDOW[1], page_timeout: float = 60.0
) -> WebDriver:
    """A new headless Chromium whose console log ``driver.get_log("browser")`` can read.

    ``page_timeout`` bounds every command that needs the page (loading it, running a
    script): a page whose script never returns fails them after that many seconds
    instead of hanging. The caller quits the browser; ``chromium()`` does that for you.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # the tests may run as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no host name resolves: no network
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(page_timeout)
    driver.set_script_timeout(page_timeout)
    return driver


@contextmanager
def chromium(
    width: int = WINDOW[0], height: int = WINDOW[1], page_timeout: float = 60.0
) -> Iterator[WebDriver]:
    """``start_chromium()`` as a context manager that quits the browser at the end."""
    driver = start_chromium(width, height, page_timeout)
    try:
        yield driver
    finally:
        driver.quit()


def responsive(driver: WebDriver, timeout: float = 5.0) -> bool:
    """Whether the page still runs scripts: False when one of its scripts never returns
    (the browser then fails every command on that page; start a new one)."""
    from selenium.common.exceptions import WebDriverException

    limit = driver.timeouts.page_load
    driver.set_page_load_timeout(timeout)
    try:
        return driver.execute_script("return true;") is True
    except WebDriverException:
        return False
    finally:
        driver.set_page_load_timeout(limit)


def wait_for(
    driver: WebDriver, script: str, *args: Any, timeout: float = 10.0, poll: float = 0.05
) -> Any:
    """Run ``script`` (the body of a JavaScript function, given ``args`` as ``arguments``)
    until it returns something truthy, and return that. Raises ``TimeoutError`` with the
    last result after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while True:
        value = driver.execute_script(script, *args)
        if value:
            return value
        if time.perf_counter() >= deadline:
            raise TimeoutError(f"after {timeout} s, {script.strip()!r} still returns {value!r}")
        time.sleep(poll)


def open_map(driver: WebDriver, path: str | Path, timeout: float = 60.0) -> float:
    """Load a map file and wait until it says every layer is built (``geomapReady``);
    the seconds from the request to that moment."""
    url = Path(path).resolve().as_uri()
    began = time.perf_counter()
    driver.get(url)
    wait_for(driver, READY, timeout=timeout)
    return time.perf_counter() - began


def _tile_failure(entry: dict[str, Any]) -> bool:
    match = _FAILED_RESOURCE.match(entry.get("message", ""))
    if entry.get("source") != "network" or not match:
        return False
    host = urlsplit(match.group(1)).hostname or ""
    return host == TILE_HOST or host.endswith("." + TILE_HOST)


def console_errors(driver: WebDriver) -> list[dict[str, Any]]:
    """The SEVERE console entries logged since the last call (reading drains the log).

    One kind is left out: network failures of OpenStreetMap tile requests. The page tries
    the online tile layer first and, with no host resolvable, each tile request fails
    with net::ERR_NAME_NOT_RESOLVED before the page switches to its offline basemap:
    those are expected. Every other SEVERE entry, including failed requests to any other
    host, is returned.
    """
    return [
        entry
        for entry in driver.get_log("browser")  # type: ignore[no-untyped-call]
        if entry.get("level") == "SEVERE" and not _tile_failure(entry)
    ]
