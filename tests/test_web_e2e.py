"""End-to-end tests of the web front-end: the real API app over a store filled from the bundled
samples and tests/data/clusters.jsonl, driven with Playwright through Debian's Chromium.

Screenshots of each step go to test-artifacts/web/ at the repository root. The tests skip when
/usr/bin/chromium, Playwright or the built assets (scripts/build_web.sh) are missing.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from eventwire.pipeline import Pipeline
from eventwire.read import read_inputs
from eventwire.records import RawDocument, Skipped
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
STATIC = ROOT / "src" / "eventwire" / "web" / "static"
SAMPLES = ROOT / "src" / "eventwire" / "samples"
CLUSTERS = Path(__file__).parent / "data" / "clusters.jsonl"
ARTIFACTS = ROOT / "test-artifacts" / "web"
TIMEOUT_MS = 10_000
YEARS_EARLIER = RawDocument(
    id="years-earlier",
    content="NAKURU, Jan 7 - Police fired tear gas at traders protesting against new market"
    " levies in Nakuru on Monday, officials said.",
    is_html=False,
    origin="test",
    published=date(2019, 1, 9),
)
UNSAFE_LINK = RawDocument(
    id="unsafe-link",
    content="NAIROBI, March 4 - Riot police fired tear gas at striking dock workers in Mombasa "
    "on Tuesday, the port authority said.",
    is_html=False,
    origin="test",
    title="Dock strike",
    url="javascript:alert(document.domain)",
    published=date(2024, 3, 6),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if not (STATIC / "index.html").exists() or not (STATIC / "app.js").exists():
        pytest.skip(f"the web assets are not built in {STATIC}: run scripts/build_web.sh")
    api = pytest.importorskip("eventwire.api", reason="eventwire.api is not available")
    uvicorn = pytest.importorskip("uvicorn")

    pipeline: Pipeline = request.getfixturevalue("pipeline")  # loaded only when not skipping
    db = tmp_path_factory.mktemp("web") / "events.sqlite"
    with Store(db) as store:
        for item in pipeline.run(read_inputs([str(SAMPLES), str(CLUSTERS)])):
            if not isinstance(item, Skipped):
                store.add(item)
        store.add(pipeline.process(UNSAFE_LINK))  # as a store written before URLs were checked
        store.add(pipeline.process(YEARS_EARLIER))  # a stray date far from all the others

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(api.create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(base_url: str):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def api(base_url: str, path: str) -> dict:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return json.load(response)


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def rows(page):
    return page.locator("#events-table tbody tr")


def wait_for_rows(page, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('#events-table tbody tr').length === n", arg=count
    )


def open_dashboard(page, base_url: str, qs: str = "") -> None:
    page.goto(f"{base_url}/{qs}")
    page.wait_for_selector("#events-table tbody tr")
    page.wait_for_selector("#result-status:has-text('match')")


def test_dashboard_shows_markers_table_and_timeline(page, base_url: str) -> None:
    total = api(base_url, "/v1/events?limit=500")["count"]
    open_dashboard(page, base_url)
    page.wait_for_selector(".leaflet-marker-icon")  # single markers or clusters
    page.wait_for_selector("#timeline svg rect")
    # the bundled country outlines
    page.wait_for_selector(".leaflet-outlines-pane path", state="attached")
    wait_for_rows(page, min(total, 50))
    assert int(page.locator("#map").get_attribute("data-markers")) > 0
    assert re.search(rf"\b{total} events match", page.locator("#result-status").inner_text())
    assert page.locator(".legend li").count() > 0
    shot(page, "01-dashboard")

    page.locator(".leaflet-marker-icon").first.click()
    if page.locator(".leaflet-popup").count() == 0:  # a cluster: zoom in until a marker shows
        marker = page.locator(".ew-marker").first
        marker.wait_for()
        # markers at one place may overlap others or lie at the view's edge: open it from the
        # keyboard, as markers are focusable
        marker.focus()
        page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("a", has_text="Open event page").count() == 1
    shot(page, "02-map-popup")


def test_filter_by_country_updates_table_and_url(page, base_url: str) -> None:
    expected = api(base_url, "/v1/events?country=SOM&limit=500")
    total = api(base_url, "/v1/events?limit=500")["count"]
    assert 0 < expected["count"] < total
    open_dashboard(page, base_url)

    page.fill("#f-country", "som")
    page.press("#f-country", "Enter")
    page.wait_for_url(re.compile(r"[?&]country=SOM\b"))
    wait_for_rows(page, expected["count"])
    ids = rows(page).evaluate_all("trs => trs.map(tr => tr.dataset.id)")
    assert ids == [e["id"] for e in expected["items"]]
    assert f"{expected['count']} event" in page.locator("#result-status").inner_text()
    shot(page, "03-country-SOM")

    page.go_back()  # history: back to the unfiltered view
    page.wait_for_function("() => !location.search.includes('country')")
    wait_for_rows(page, min(total, 50))
    assert page.input_value("#f-country") == ""


def test_brushing_the_timeline_sets_since_and_until(page, base_url: str) -> None:
    total = api(base_url, "/v1/events?limit=500")["count"]
    open_dashboard(page, base_url, "?interval=day")
    page.wait_for_selector("#timeline svg rect")
    box = page.locator("#timeline .brush .overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since=\d{4}-\d\d-\d\d.*until=\d{4}-\d\d-\d\d"))
    params = query(page)
    expected = api(base_url, f"/v1/events?since={params['since']}&until={params['until']}")
    assert 0 < expected["count"] < total
    wait_for_rows(page, expected["count"])
    dates = rows(page).locator("td:first-child").all_inner_texts()
    assert all(params["since"] <= d <= params["until"] for d in dates)
    assert page.input_value("#f-since") == params["since"]
    assert page.input_value("#f-until") == params["until"]
    shot(page, "04-brushed")


def test_open_event_with_keyboard_shows_highlighted_evidence(page, base_url: str) -> None:
    open_dashboard(page, base_url, "?country=SOM&sort=-fatalities")
    first = rows(page).first.get_attribute("data-id")
    second = rows(page).nth(1).get_attribute("data-id")
    page.locator("a.event-link").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('tr').dataset.id") == second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/events/{re.escape(first)}\?"))
    page.wait_for_selector("#article-text .evidence")

    event = api(base_url, f"/v1/events/{first}")
    sentences = [e["sentence"] for e in event["evidence"]]
    shown = page.locator("#article-text .evidence").all_inner_texts()
    assert shown and sorted(shown) == sorted(sentences)
    assert page.locator("table.reports tbody tr").count() == len(event["reports"])
    assert page.locator("table.fields tbody tr").count() >= 4
    assert page.locator(".event-page h1").inner_text().strip()
    shot(page, "05-event-page")

    page.go_back()
    page.wait_for_selector("#events-table tbody tr")
    assert query(page) == {"country": "SOM", "sort": "-fatalities"}


def test_a_shared_url_reloads_to_the_same_view(page, base_url: str, browser) -> None:
    qs = "?country=SOM&type=ASSAULT&sort=-fatalities&interval=day"
    open_dashboard(page, base_url, qs)
    before = rows(page).evaluate_all("trs => trs.map(tr => tr.dataset.id)")
    assert before
    form = {f: page.input_value(f) for f in ("#f-country", "#f-type", "#f-interval")}
    assert form == {"#f-country": "SOM", "#f-type": "ASSAULT", "#f-interval": "day"}
    assert page.get_attribute("th:has(button:has-text('Fatalities'))", "aria-sort") == "descending"

    other = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        shared = other.new_page()
        shared.set_default_timeout(TIMEOUT_MS)
        open_dashboard(shared, base_url, qs)
        wait_for_rows(shared, len(before))
        assert (
            shared.locator("#events-table tbody tr").evaluate_all(
                "trs => trs.map(tr => tr.dataset.id)"
            )
            == before
        )
        assert {f: shared.input_value(f) for f in form} == form
        shot(shared, "06-shared-url")
    finally:
        other.close()

    page.reload()
    page.wait_for_selector("#events-table tbody tr")
    wait_for_rows(page, len(before))
    assert rows(page).evaluate_all("trs => trs.map(tr => tr.dataset.id)") == before
    assert urlsplit(page.url).query == qs[1:]


def test_a_stored_javascript_url_is_shown_as_text_not_as_a_link(page, base_url: str) -> None:
    event = api(base_url, "/v1/articles/unsafe-link")["events"][0]
    page.goto(f"{base_url}/events/{event['id']}")
    page.wait_for_selector("table.reports tbody tr")

    assert page.locator("a[href^='javascript']").count() == 0
    assert "Dock strike" in page.locator("table.reports").inner_text()


def test_the_timeline_counts_per_month(page, base_url: str) -> None:
    months = api(base_url, "/v1/timeseries?interval=month")["items"]
    open_dashboard(page, base_url)
    page.select_option("#f-interval", "month")
    page.wait_for_url(re.compile(r"interval=month"))
    page.wait_for_selector("#timeline svg[aria-label*='per month']")
    label = page.get_attribute("#timeline svg", "aria-label")
    total = sum(p["events"] for p in months)
    assert f"{total} events" in label and months[-1]["period"] in label


def test_a_country_by_name_and_a_typo_explained_with_no_stale_rows(page, base_url: str) -> None:
    expected = api(base_url, "/v1/events?country=SOM&limit=500")["count"]
    open_dashboard(page, base_url)

    page.fill("#f-country", "Somalia")
    page.press("#f-country", "Enter")
    page.wait_for_url(re.compile(r"[?&]country=", re.IGNORECASE))
    wait_for_rows(page, expected)

    page.fill("#f-country", "Somalya")
    page.press("#f-country", "Enter")
    alert = page.locator("p.error[role=alert]")
    alert.wait_for()
    message = alert.inner_text()
    assert "did you mean Somalia (SOM)" in message and "{" not in message
    wait_for_rows(page, 0)  # the results of the last good query are gone
    page.wait_for_selector("#timeline svg[aria-label*='no dated events']")
    shot(page, "07-country-typo")


def test_the_api_documentation_renders_offline(page, base_url: str) -> None:
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Eventwire API" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-summary-path[data-path='/v1/events']")
    html = page.content()
    assert "cdn.jsdelivr" not in html and "/static/docs/swagger-ui-bundle.js" in html


def test_the_type_menu_filters_by_acled_type_too(page, base_url: str) -> None:
    total = api(base_url, "/v1/events?limit=500")["count"]
    types = api(base_url, "/v1/types")["acled"]
    counts = {
        name: api(base_url, f"/v1/events?acled_type={quote(name)}&limit=500")["count"]
        for name in types
    }
    name = next(n for n, count in counts.items() if 0 < count < total)
    open_dashboard(page, base_url)

    page.select_option("#f-type", f"acled:{name}")
    page.wait_for_url(re.compile(r"acled_type="))
    assert query(page)["acled_type"] == name and "type" not in query(page)
    wait_for_rows(page, counts[name])


def test_a_stray_date_years_away_does_not_squeeze_the_timeline(page, base_url: str) -> None:
    weeks = api(base_url, "/v1/timeseries?interval=week")["items"]
    assert weeks[0]["period"] < "2020" < weeks[-1]["period"]  # the stray 2019 event is there
    open_dashboard(page, base_url)
    page.wait_for_selector("#timeline svg[aria-label*='outside these dates']")
    assert page.locator("#timeline svg text.outside").is_visible()

    label = page.get_attribute("#timeline svg", "aria-label")
    assert "2 more outside these dates" in label and weeks[0]["period"] not in label
    ticks = page.locator("#timeline .axis text").evaluate_all("els => els.map(e => e.textContent)")
    assert not any("2019" in tick or "2020" in tick for tick in ticks)
    shot(page, "08-stray-date")


DIVISION_LINE_RGB = (0xA0, 0x52, 0x2D)  # DIVISION_LINE in web/src/boundaries.js
COUNT_PIXELS = """async ({png, box, rgb, tolerance, skip}) => {
  const image = await createImageBitmap(await (await fetch("data:image/png;base64," + png)).blob());
  const context = new OffscreenCanvas(image.width, image.height).getContext("2d");
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(box.x, box.y, box.width, box.height);
  const skipped = (x, y) =>
    skip.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const x = box.x + (i / 4) % box.width;
    const y = box.y + Math.floor(i / 4 / box.width);
    if (rgb.every((c, k) => Math.abs(data[i + k] - c) <= tolerance) && !skipped(x, y)) count += 1;
  }
  return count;
}"""


def count_pixels(page, box: dict, rgb, tolerance: int, skip: list[dict] = ()) -> int:
    """How many pixels of a screenshot of the page, within box and outside the boxes to skip,
    are of about this colour."""
    png = base64.b64encode(page.screenshot()).decode()
    box = {k: round(box[k]) for k in ("x", "y", "width", "height")}
    args = {"png": png, "box": box, "rgb": list(rgb), "tolerance": tolerance, "skip": list(skip)}
    return page.evaluate(COUNT_PIXELS, args)


def visible_boxes(page, selector: str) -> list[dict]:
    return [box for box in (el.bounding_box() for el in page.locator(selector).all()) if box]


def inside(box: dict, outer: dict) -> bool:
    return (
        outer["x"] <= box["x"]
        and outer["y"] <= box["y"]
        and box["x"] + box["width"] <= outer["x"] + outer["width"]
        and box["y"] + box["height"] <= outer["y"] + outer["height"]
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_zoomed_into_a_country_the_map_shows_its_provinces_and_their_names(page, base_url) -> None:
    open_dashboard(page, base_url, "?country=SOM")  # the map fits Somalia's events
    page.wait_for_selector(".ew-label-admin1[data-country='SOM']")
    map_box = page.locator("#map").bounding_box()
    names = page.locator(".ew-label-admin1[data-country='SOM']")
    boxes = visible_boxes(page, ".ew-label-admin1[data-country='SOM']")
    assert len(boxes) >= 3 and all(inside(b, map_box) for b in boxes)
    assert all(name.is_visible() for name in names.all())
    assert "Banaadir" in names.all_inner_texts() or "Mudug" in names.all_inner_texts()
    shot(page, "09-map-provinces")

    # the dashed province lines are drawn between the province names, inside Somalia
    left = min(b["x"] for b in boxes)
    top = min(b["y"] for b in boxes)
    right = max(b["x"] + b["width"] for b in boxes)
    bottom = max(b["y"] + b["height"] for b in boxes)
    area = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    skip = visible_boxes(page, ".ew-label, .leaflet-marker-icon")  # only the lines' pixels
    assert count_pixels(page, area, DIVISION_LINE_RGB, tolerance=30, skip=skip) > 150

    # labels never pile up; the country and its largest town are named too
    labels = visible_boxes(page, ".ew-label")
    assert not any(overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    assert "SOMALIA" in page.locator(".ew-label-country").all_inner_texts()  # upper case
    assert "Mogadishu" in page.locator(".ew-label-town").all_inner_texts()

    # zoomed out to continents: country names only, over the country outlines
    for _ in range(3):
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('.ew-label-admin1, .ew-label-town')")
    assert page.locator(".ew-label-country").count() >= 3
    assert page.locator("#map").get_attribute("data-divisions") == "0"
    page.wait_for_selector(".leaflet-outlines-pane path", state="attached")
    shot(page, "10-map-countries")


def test_clusters_show_their_event_types_in_the_legend_colours(page, base_url) -> None:
    open_dashboard(page, base_url)
    ring = page.locator(".ew-cluster-ring").first
    ring.wait_for()
    dominant = ring.get_attribute("data-types").split()[0].split(":")[0]
    swatch = page.locator(".legend li", has_text=f"{dominant.capitalize()} (").locator(".swatch")
    colour = swatch.evaluate("s => getComputedStyle(s).backgroundColor")  # "rgb(r, g, b)"
    rgb = [int(c) for c in re.findall(r"\d+", colour)]
    assert count_pixels(page, ring.bounding_box(), rgb, tolerance=6) > 20
    assert re.match(r"\d+ events: \d+ " + dominant.capitalize(), ring.get_attribute("title"))


# The inline evidence view: label names as web/src/marked.js draws them, colours from style.css.
NAMES = {
    "ACTOR": "actor", "RECIPIENT": "recipient", "PLACE": "place", "DATE": "date",
    "KILLED": "killed", "INJURED": "injured", "SOURCE": "said by", "CLAIM": "claimed by",
}  # fmt: skip
PLACE_RGB, ACTOR_RGB, EVIDENCE_RGB = (0xBF, 0xE8, 0xDA), (0xD9, 0xCC, 0xFF), (0xFF, 0xF6, 0xCC)


def test_the_event_page_marks_each_fields_words_in_the_text(page, base_url: str) -> None:
    event_id = api(base_url, "/v1/articles/borno-air-strike.html")["events"][0]["id"]
    event = api(base_url, f"/v1/events/{event_id}")
    labels = {m["label"] for m in event["marks"]}
    assert {"ACTOR", "PLACE", "DATE", "KILLED"} <= labels
    page.goto(f"{base_url}/events/{event_id}")
    page.wait_for_selector("#article-text mark.ent")

    text = event["article_text"]
    shown = page.locator("#article-text mark.ent").evaluate_all(
        "els => els.map(e =>"
        " [e.dataset.label, e.textContent, getComputedStyle(e, '::after').content])"
    )
    assert shown == [
        [m["label"], text[m["start"] : m["end"]], f'"{NAMES[m["label"]]}"'] for m in event["marks"]
    ]
    sentences = page.locator("#article-text .evidence").all_inner_texts()
    assert sorted(sentences) == sorted(e["sentence"] for e in event["evidence"])

    # the field table points at the marks: following "In the text" for the place brings its
    # mark into view, drawn in the place colour and not covered by anything
    page.locator("table.fields tr", has_text="Place").locator("a.jump").click()
    place = page.locator("#article-text mark.ent-place").first
    page.wait_for_function(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=place.element_handle(),
    )
    box = place.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('mark.ent-place') !== null",
        [box["x"] + 4, box["y"] + box["height"] / 2],
    )
    assert hit
    assert count_pixels(page, box, PLACE_RGB, tolerance=6) > 0.3 * box["width"] * box["height"]
    actor = page.locator("#article-text mark.ent-actor").first
    actor.scroll_into_view_if_needed()
    box = actor.bounding_box()
    assert count_pixels(page, box, ACTOR_RGB, tolerance=6) > 0.3 * box["width"] * box["height"]
    shot(page, "11-inline-evidence")


def test_every_report_of_an_event_can_be_read_with_its_events_marked(page, base_url: str) -> None:
    merged = api(base_url, "/v1/events?min_sources=2&limit=1")["items"][0]
    event = api(base_url, f"/v1/events/{merged['id']}")
    assert len(event["reports"]) >= 2
    page.goto(f"{base_url}/events/{merged['id']}")
    links = page.locator("table.reports a.read-report")
    assert links.count() == len(event["reports"])

    for n, report in enumerate(event["reports"]):
        page.locator("table.reports a.read-report").nth(n).click()
        page.wait_for_url(re.compile(r"/articles/"))
        page.wait_for_selector(".article-page #article-text")
        article = api(base_url, f"/v1/articles/{quote(report['article'], safe='')}")
        assert page.locator("#article-text").inner_text().strip() == article["text"].strip()
        assert page.locator(".article-page h1").inner_text() == (article["title"] or article["id"])
        listed = page.locator("ol.article-events a").evaluate_all(
            "els => els.map(a => decodeURIComponent(a.pathname))"
        )
        assert f"/events/{report['event_id']}" in listed
        assert page.locator("#article-text mark.ent").count() == len(article["marks"]) > 0
        shot(page, f"12-article-{n}")
        page.go_back()
        page.wait_for_selector("table.reports a.read-report")


def test_on_a_phone_filters_fold_the_table_is_cards_and_nothing_scrolls_sideways(
    browser, base_url: str
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_dashboard(page, base_url)
        width = lambda: page.evaluate("document.documentElement.scrollWidth")  # noqa: E731
        assert width() <= 390
        assert not page.locator("#f-country").is_visible()  # folded behind one line
        assert page.locator("#map").bounding_box()["y"] < 844 / 2  # the map is on the first screen
        page.locator(".filter-toggle").click()
        assert page.locator("#f-country").is_visible()
        page.fill("#f-country", "SOM")
        page.press("#f-country", "Enter")
        page.wait_for_url(re.compile(r"country=SOM"))
        assert not page.locator("#f-country").is_visible()
        assert "1 set" in page.locator(".filter-toggle").inner_text()

        card = rows(page).first
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        cells = card.locator("td:not(:empty)").evaluate_all(
            "tds => tds.map(td => [td.getBoundingClientRect().left,"
            " td.getBoundingClientRect().top, getComputedStyle(td, '::before').content])"
        )
        assert len({round(left) for left, _, _ in cells}) == 1  # stacked, not side by side
        assert [top for _, top, _ in cells] == sorted(top for _, top, _ in cells)
        assert [label for _, _, label in cells][:2] == ['"Date"', '"Type"']
        shot(page, "13-phone-dashboard")

        page.locator("a.event-link").first.click()
        page.wait_for_selector("#article-text")
        assert width() <= 390
        assert page.evaluate("document.documentElement.scrollHeight") < 8000
        sentence = page.locator("table.fields tbody tr").first.locator("td").last.bounding_box()
        assert sentence["width"] > 390 / 2  # the "In the text" column is not one word wide
        sentence = page.locator("#article-text .evidence").first
        sentence.scroll_into_view_if_needed()
        box = sentence.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert (
            count_pixels(page, box, EVIDENCE_RGB, tolerance=6) > 0.1 * box["width"] * box["height"]
        )
        shot(page, "14-phone-event")
    finally:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def test_the_province_filter_is_the_apis(page, base_url: str) -> None:
    expected = api(base_url, "/v1/events?admin1=Bay&limit=500")
    total = api(base_url, "/v1/events?limit=500")["count"]
    assert 0 < expected["count"] < total
    open_dashboard(page, base_url)
    page.fill("#f-admin1", "Bay")
    page.press("#f-admin1", "Enter")
    page.wait_for_url(re.compile(r"[?&]admin1=Bay\b"))
    wait_for_rows(page, expected["count"])
    assert rows(page).evaluate_all("trs => trs.map(tr => tr.dataset.id)") == [
        e["id"] for e in expected["items"]
    ]
    assert "/v1/export.csv?admin1=Bay" in page.locator("a", has_text="CSV").first.get_attribute(
        "href"
    )


def test_an_unknown_article_or_event_says_so_in_words(page, base_url: str) -> None:
    for path, heading, words in [
        ("/articles/none-such", "Article not found", "There is no stored article none-such."),
        ("/events/none-such", "Event not found", "There is no event with id none-such."),
    ]:
        page.goto(base_url + path)
        page.wait_for_selector("[role=alert]")
        assert page.locator("h1").inner_text() == heading
        assert page.locator("[role=alert]").inner_text() == words
        assert page.locator("a.back").is_visible()
