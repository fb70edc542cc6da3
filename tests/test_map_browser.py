"""The HTML map in a real browser: headless Chromium with no network opens maps made by
the real ``geomap map`` command and checks what a reader sees and can do: Leaflet and
every layer load, nothing logs an error, markers, layer toggles, the article panel's
names, the time control, the offline basemap, and that markup in an article stays text.

The browser tests skip when Selenium, Chromium or chromedriver is missing (they fail
instead under ``GEOMAP_REQUIRE_SYSTEM_TESTS=1``); the static check of the page's script
and style sources needs no browser.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from geomap.output.browser import (
    browser_available,
    console_errors,
    missing_browser,
    open_map,
    responsive,
    start_chromium,
    wait_for,
)

from conftest import EXAMPLE, SEED, hermetic_env, require_system, run_cli

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

CSS = "css selector"  # selenium.webdriver.common.by.By.CSS_SELECTOR, without importing it
PUBLISHED = "2019-12-30"
EXAMPLE_PUBLISHED = "2024-05-14"
FALLBACK = "Country outlines (offline)"
SCRIPT = "<script>window.x=1</script>"
IMG = '<img src=x onerror="window.y=1">'
HOSTILE = {
    "id": "hostile-kirkuk",
    "title": f"Rocket attack on Kirkuk {SCRIPT} {IMG}",
    "text": (
        f"Rockets struck a military base near Kirkuk on 27 December 2019, killing a US "
        f"contractor. {SCRIPT} Officials in Baghdad said the attack {IMG} was the largest "
        f"in months. On 29 December, protesters gathered in Basra. {IMG} {SCRIPT}"
    ),
    "published": PUBLISHED,
    "url": "javascript:window.z=1",  # shown as text, never a link
}
LABEL = re.compile(r"^(?P<name>.+) \((?P<count>\d+)\)$")
STOPWORDS = {"the", "of", "and", "in", "on", "at", "for"}

# Leaflet state the tests read through ``window.geomap``. A leaf layer (marker or area
# path) is shown when its element is in the page and visible, or when it belongs to a
# marker cluster group that is on the map (drawn inside a cluster). Popup content may be
# a string, an element or a function of the layer; it is read with DOMParser, which runs
# no script and loads no image.
STATE_JS = """
const g = window.geomap;
const clusters = [];
g.map.eachLayer(function (layer) { if (layer.getVisibleParent) clusters.push(layer); });
function visible(el) {
  if (!el || !document.contains(el)) return false;
  const style = getComputedStyle(el);
  return style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0';
}
function shown(layer) {
  const el = layer._icon || layer._path;
  if (visible(el)) return true;
  return clusters.some(function (group) { return group.hasLayer(layer); });
}
function leaves(layer, out) {
  if (layer.getLayers) layer.getLayers().forEach(function (child) { leaves(child, out); });
  else out.push(layer);
  return out;
}
function popupHtml(layer) {
  // the popup bound to the marker, or the content geomap binds on the first click
  const popup = layer.getPopup && layer.getPopup();
  let content = popup ? popup.getContent() : layer.geomapPopup;
  if (!content) return '';
  if (typeof content === 'function') content = content(layer);
  if (content instanceof Node) return content.outerHTML;
  return String(content || '');
}
function rows(layer) {
  const doc = new DOMParser().parseFromString(popupHtml(layer), 'text/html');
  const out = {};
  doc.querySelectorAll('tr').forEach(function (tr) {
    const th = tr.querySelector('th'), td = tr.querySelector('td');
    if (th && td) out[th.textContent.trim()] = td.textContent.trim();
  });
  return out;
}
const keyOf = new Map(Object.keys(g.markers).map(function (key) { return [g.markers[key], key]; }));
function describe(layer) {
  const icon = layer.options && layer.options.icon;
  return {
    key: keyOf.has(layer) ? keyOf.get(layer) : null,
    className: (icon && icon.options.className) || (layer.options && layer.options.className) || '',
    shown: shown(layer),
    rows: rows(layer),
  };
}
"""
MARKERS_JS = STATE_JS + "return Object.values(g.markers).map(describe);"
LAYER_JS = STATE_JS + "return leaves(g.layers[arguments[0]], []).map(describe);"
# Elements a reader sees on the map: marker icons (markers and clusters) and area paths.
DRAWN_JS = """
return Array.from(document.querySelectorAll('.leaflet-marker-icon, path.geomap-area'))
  .filter(function (el) { return el.getBoundingClientRect().width > 0; }).length;
"""
ON_MAP_JS = "return window.geomap.map.hasLayer(window.geomap.layers[arguments[0]]);"
POPUP_JS = """
const content = document.querySelector('.leaflet-popup-content');
if (!content || !content.querySelector('.geomap-popup')) return null;
return content.getBoundingClientRect().height > 0 ? content.innerText : null;
"""


# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory) -> dict[str, str]:
    return hermetic_env(tmp_path_factory.mktemp("map-env"))


def make_map(
    source: Path, out: Path, env: dict[str, str], published: str = PUBLISHED, *more: str
) -> Path:
    """The HTML map of one input file, through the real ``geomap map`` command."""
    result = run_cli(
        "map", str(source), "--published", published, "--out", str(out), "--formats", "html",
        *more, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out / f"{source.stem}.html"
    assert page.is_file(), result.stderr
    return page


# The articles every browser test runs on: the seed (in ../shared, not in this repository)
# and the bundled example, so that a checkout without ../shared still drives the browser.
ARTICLES = {"seed": (SEED, PUBLISHED), "example": (EXAMPLE, EXAMPLE_PUBLISHED)}


@pytest.fixture(scope="module", params=list(ARTICLES))
def article_map(request, tmp_path_factory, cli_env) -> Path:
    source, published = ARTICLES[request.param]
    if not source.is_file():
        pytest.skip(f"the seed article is not here ({SEED}); it lives in ../shared/seed/")
    return make_map(source, tmp_path_factory.mktemp(f"{request.param}-map"), cli_env, published)


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory, cli_env) -> Path:
    """An article (JSON Lines: text and title) with a script element and an image whose
    ``onerror`` would set ``window.x`` / ``window.y`` if either ever became markup."""
    root = tmp_path_factory.mktemp("hostile-map")
    source = root / "hostile.jsonl"
    source.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return make_map(source, root / "out", cli_env)


@pytest.fixture(scope="module")
def browser():
    """One browser for the module, in a dict so that it can be replaced (see ``driver``)."""
    require_system(browser_available(), f"headless Chromium for Selenium ({missing_browser()})")
    session = {"driver": start_chromium()}
    yield session
    session["driver"].quit()


@pytest.fixture
def driver(browser):
    """The module's browser. When a test leaves its page frozen (a script that never
    returns), that test has failed; the next tests get a new browser."""
    yield browser["driver"]
    if not responsive(browser["driver"]):
        browser["driver"].quit()
        browser["driver"] = start_chromium()


def load(driver, path: Path) -> float:
    """Open a map with an empty console log; the seconds until it is ready."""
    driver.get("about:blank")
    driver.get_log("browser")  # drop what earlier pages logged
    return open_map(driver, path, timeout=60)


def markers(driver) -> list[dict[str, Any]]:
    return driver.execute_script(MARKERS_JS)


def overlays(driver) -> dict[str, Any]:
    """The layer control's overlay entries: their name (without the count) -> label."""
    found = {}
    for label in driver.find_elements(CSS, ".leaflet-control-layers-overlays label"):
        match = LABEL.match(label.text.strip())
        assert match, f"overlay label {label.text!r} is not 'name (count)'"
        found[match.group("name")] = label
    return found


def until(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Call ``check`` until it returns something truthy or ``timeout`` s pass; its last result."""
    deadline = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return result


def close_popup(driver) -> None:
    driver.execute_script("window.geomap.map.closePopup();")
    wait_for(driver, "return !document.querySelector('.leaflet-popup-content');", timeout=5)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", text.casefold()) if w not in STOPWORDS}


def related(name: str, popup: str) -> bool:
    """The popup is about the name: it contains it, or one of its words with a word of the
    popup, one a prefix of the other of at least 4 letters ("Iraqi" and "Iraq")."""
    if name.casefold() in popup.casefold():
        return True
    for word in words(name):
        for other in words(popup):
            short, long = sorted((word, other), key=len)
            if len(short) >= 4 and long.startswith(short):
                return True
    return False


def click_every_name(driver) -> list[str]:
    """Click each linked name of the article panel in turn; what went wrong, per name."""
    problems = []
    names = driver.find_elements(CSS, "#geomap-panel mark.geomap-name[data-target]")
    assert names, "no linked place names in the panel"
    for mark in names:
        close_popup(driver)
        key, text = mark.get_attribute("data-target"), mark.text
        mark.click()
        try:
            popup = wait_for(driver, POPUP_JS, timeout=10)
        except TimeoutError:
            problems.append(f"{text!r} ({key}): no popup opened")
            continue
        is_its = driver.execute_script(
            "const m = window.geomap.markers[arguments[0]]; return !!(m && m.isPopupOpen());", key
        )
        if not is_its:
            problems.append(f"{text!r} ({key}): the open popup is not its marker's")
        if not related(text, popup):
            problems.append(f"{text!r} ({key}): popup is about something else: {popup[:120]!r}")
    close_popup(driver)
    return problems


# -- static: no browser ------------------------------------------------------------------------


class _Sources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (tag, name) in {("script", "src"), ("link", "href")} and value is not None:
                self.found.append((tag, name, value))


def test_page_loads_nothing_from_the_network(article_map, hostile_map):
    """No script or stylesheet comes from an http(s) (or protocol-relative) address."""
    for path in (article_map, hostile_map):
        parser = _Sources()
        parser.feed(path.read_text(encoding="utf-8"))
        remote = [
            found for found in parser.found if re.match(r"\s*(https?:)?//", found[2], re.IGNORECASE)
        ]
        assert remote == [], path.name


# -- in the browser ----------------------------------------------------------------------------


def test_leaflet_loads_and_every_layer_is_built(driver, article_map):
    seconds = load(driver, article_map)
    assert seconds < 30
    state = driver.execute_script(
        """
        const g = window.geomap;
        return {
            leaflet: typeof window.L === 'object' && typeof L.version === 'string',
            map: !!(g && g.map instanceof L.Map),
            layers: g ? Object.keys(g.layers) : [],
            markers: g ? Object.keys(g.markers).length : 0,
            open: !!g && typeof g.open === 'function',
        };
        """
    )
    assert state["leaflet"] and state["map"] and state["open"], state
    assert state["markers"] > 0
    assert "Places" in state["layers"]
    assert "Explosions/Remote violence" in state["layers"]
    assert set(overlays(driver)) == set(state["layers"])
    assert driver.find_elements(CSS, ".leaflet-control-layers-expanded")
    assert len(driver.find_elements(CSS, "#geomap-time input[type=range].geomap-time-from")) == 1
    assert len(driver.find_elements(CSS, "#geomap-time input[type=range].geomap-time-to")) == 1
    assert driver.find_elements(CSS, "#geomap-time input[type=checkbox].geomap-time-undated")
    assert driver.find_elements(CSS, "#geomap-time .geomap-time-label")
    [legend] = driver.find_elements(CSS, ".geomap-legend")
    assert "Explosions/Remote violence" in legend.text
    assert driver.find_elements(CSS, "#geomap-panel section.geomap-doc")


def test_no_console_errors(driver, article_map):
    load(driver, article_map)
    wait_for(driver, f"return window.geomap.basemap === {json.dumps(FALLBACK)};", timeout=10)
    assert console_errors(driver) == []


def test_markers_are_drawn(driver, article_map):
    load(driver, article_map)
    count = driver.execute_script(
        """
        const n = function (css) { return document.querySelectorAll(css).length; };
        return {incident: n('.geomap-incident'), place: n('.geomap-place'),
                cluster: n('.marker-cluster'), area: n('path.geomap-area')};
        """
    )
    assert count["incident"] or count["cluster"], count
    drawn = driver.execute_script(
        """
        return Array.from(document.querySelectorAll('.geomap-incident, .geomap-place'))
          .map(function (icon) {
            const inner = icon.firstElementChild;
            const box = inner ? inner.getBoundingClientRect() : {width: 0, height: 0};
            return icon.className.includes('geomap-incident')
              ? !!inner && inner.textContent.trim().length === 1 && box.width > 0
              : !!inner && box.width > 0 && box.height > 0;
          });
        """
    )
    assert drawn and all(drawn), drawn  # every marker shows its own symbol or dot
    assert count["place"] or count["cluster"], count
    placed_in_a_country = driver.execute_script(
        """
        const data = JSON.parse(
            document.querySelector('script[type="application/json"]').textContent);
        const at = data.incidents.columns.indexOf('area');
        return data.incidents.rows.some(function (row) { return row[at] !== null; });
        """
    )
    # the seed has incidents placed only to a country, each drawn as the country's outline
    assert bool(count["area"]) == placed_in_a_country, count
    assert all(marker["shown"] for marker in markers(driver))


def click_overlay(driver, name: str, on: bool) -> None:
    """Click the layer control's checkbox of an overlay; wait until the layer is on the map
    (``on``) or off it."""
    checkbox = overlays(driver)[name].find_element(CSS, "input[type=checkbox]")
    assert checkbox.is_selected() != on, name
    checkbox.click()
    assert until(lambda: driver.execute_script(ON_MAP_JS, name) == on), name


def test_toggling_an_overlay_hides_and_restores_its_markers(driver, article_map):
    load(driver, article_map)
    entries = overlays(driver)
    assert entries
    for name in entries:
        before = driver.execute_script(LAYER_JS, name)
        drawn = driver.execute_script(DRAWN_JS)
        assert before and all(leaf["shown"] for leaf in before), name
        click_overlay(driver, name, on=False)
        hidden = driver.execute_script(LAYER_JS, name)
        assert not any(leaf["shown"] for leaf in hidden), name
        assert driver.execute_script(DRAWN_JS) < drawn, name
        click_overlay(driver, name, on=True)
        assert until(lambda: driver.execute_script(DRAWN_JS) == drawn), name  # noqa: B023
        again = driver.execute_script(LAYER_JS, name)
        assert len(again) == len(before) and all(leaf["shown"] for leaf in again), name


def test_clicking_a_name_opens_its_popup(driver, article_map):
    load(driver, article_map)
    assert click_every_name(driver) == []
    assert console_errors(driver) == []


def test_moving_the_start_of_the_time_range_to_the_end_hides_earlier_incidents(driver, article_map):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.keys import Keys

    load(driver, article_map)
    dated = {
        marker["key"]: marker["rows"]["Date"][:10]
        for marker in markers(driver)
        if re.match(r"\d{4}-\d\d-\d\d", marker["rows"].get("Date", ""))
    }
    assert dated, "no incident popup has a date"
    last = max(dated.values())
    assert min(dated.values()) < last, "the seed has incidents on several dates"
    label = driver.find_element(CSS, "#geomap-time .geomap-time-label")
    before = label.text
    slider = driver.find_element(CSS, "#geomap-time .geomap-time-from")
    slider.send_keys(Keys.END)
    assert slider.get_attribute("value") == slider.get_attribute("max")
    assert label.text != before

    def earlier_shown() -> list[str]:
        return sorted(
            marker["key"]
            for marker in markers(driver)
            if marker["shown"] and dated.get(marker["key"], last) < last
        )

    try:
        hidden = until(lambda: not earlier_shown())
    except WebDriverException as err:
        pytest.fail(f"the page stopped responding after the time range changed: {err.msg}")
    assert hidden, f"incidents dated before the range are still shown: {earlier_shown()}"
    shown = {marker["key"] for marker in markers(driver) if marker["shown"]}
    assert any(key in shown for key, day in dated.items() if day == last)
    slider.send_keys(Keys.HOME)
    assert until(lambda: all(marker["shown"] for marker in markers(driver)))


def test_falls_back_to_the_offline_basemap(driver, article_map):
    load(driver, article_map)
    wait_for(driver, f"return window.geomap.basemap === {json.dumps(FALLBACK)};", timeout=10)
    checked = driver.execute_script(
        """
        const input = document.querySelector(
            '.leaflet-control-layers-base input[type=radio]:checked');
        return input ? input.closest('label').textContent.trim() : null;
        """
    )
    assert checked == FALLBACK
    credits = driver.find_element(CSS, ".leaflet-control-attribution").text
    assert "GeoNames (CC BY 4.0)" in credits  # the data's credit stays with the tiles gone
    assert "countryinfo" in credits


def test_clicking_a_marker_opens_its_popup(driver, article_map):
    load(driver, article_map)
    close_popup(driver)
    icons = [icon for icon in driver.find_elements(CSS, ".geomap-incident") if icon.is_displayed()]
    assert icons, "no incident marker drawn unclustered"
    title = icons[0].get_attribute("title")
    icons[0].click()
    popup = wait_for(driver, POPUP_JS, timeout=10)
    assert "Event" in popup and "Evidence" in popup
    assert related(title.split(": ", 1)[1], popup), (title, popup[:200])
    assert console_errors(driver) == []


@pytest.fixture(scope="module")
def untiled_map(tmp_path_factory, cli_env) -> Path:
    """The example's map made with ``--tiles none``: no tile server in the page at all."""
    root = tmp_path_factory.mktemp("untiled-map")
    return make_map(EXAMPLE, root, cli_env, EXAMPLE_PUBLISHED, "--tiles", "none")


def test_without_tiles_the_page_asks_no_server(driver, untiled_map):
    load(driver, untiled_map)
    assert driver.execute_script("return window.geomap.basemap;") == FALLBACK
    requested = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
    )
    assert [name for name in requested if not name.startswith(("file:", "data:"))] == []
    assert driver.get_log("browser") == []  # not even a failed tile request
    assert driver.find_elements(CSS, ".geomap-incident, .marker-cluster")


def test_article_markup_stays_text(driver, hostile_map):
    load(driver, hostile_map)
    injected = "return [typeof window.x, typeof window.y, typeof window.z];"
    assert driver.execute_script(injected) == ["undefined"] * 3
    assert driver.find_elements(CSS, "a[href^='javascript' i]") == []
    assert click_every_name(driver) == []
    keys = driver.execute_script("return Object.keys(window.geomap.markers);")
    assert keys
    for key in keys:
        close_popup(driver)
        driver.execute_script("window.geomap.open(arguments[0]);", key)
        wait_for(driver, POPUP_JS, timeout=10)
        assert driver.find_elements(CSS, "a[href^='javascript' i]") == []
    assert driver.execute_script(injected) == ["undefined"] * 3
    panel = driver.find_element(CSS, "#geomap-panel").get_attribute("textContent")
    assert SCRIPT in panel and IMG in panel and HOSTILE["url"] in panel
    [section] = driver.find_elements(CSS, "#geomap-panel section.geomap-doc")
    assert HOSTILE["title"] in section.get_attribute("textContent")
    from_article = driver.execute_script(
        """
        const scripts = Array.from(document.scripts)
            .filter(function (el) { return el.textContent.trim() === 'window.x=1'; });
        return Array.from(document.querySelectorAll('[onerror], img[src="x"]'))
            .filter(function (el) { return el.getAttribute('onerror') !== null
                ? el.getAttribute('onerror').includes('window.y') : true; })
            .concat(scripts).map(function (el) { return el.outerHTML.slice(0, 200); });
        """
    )
    assert from_article == []
    assert console_errors(driver) == []
