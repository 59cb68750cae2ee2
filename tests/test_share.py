"""Sharing a view (issue 21.1, 21.2, 21.5): a pasted link shows a preview of its own numbers,
one chart can be framed by another site, and every preview image says where it comes from.

Runs on the fictional sample (``dataset``); the filtered view is chosen from the data, so the
tests hold whatever documents are added."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from dashboard.outputs import gate
from dashboard.outputs.gate import RenderLimits
from dashboard.outputs.imagecheck import png_size
from dashboard.views.charts import CHARTS
from dashboard.views.share import headline_sources, headlines
from dashboard.web import preview as web_preview
from dashboard.web.app import create_app
from dashboard.web.state import view_for
from dashboard.web.urlstate import parse


CHROMIUM_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium accepts


@pytest.fixture(scope="module")
def app(dataset, config, seeds_dir, data_dir):
    return create_app(dataset, config, seeds_dir, data_dir)


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def state(app):
    from dashboard.web.app import app_state

    return app_state(app)


@pytest.fixture(scope="module")
def filtered(state) -> str:
    """A link to one programme from the first year it has a figure: a view that is not the default."""
    line = next(card.headline for card in state.default_view.cards if card.headline is not None)
    figure = state.figures[state.figures["id"] == line.figure_id].iloc[0]
    year = max(
        state.choices.first_year,
        figure["period_end"].year
        if figure["period_end"] == figure["period_end"]
        else state.choices.first_year,
    )
    return urlencode(
        {"programme": figure["programme"], "year_from": year, "year_to": state.choices.last_year}
    )


class Tags(HTMLParser):
    """``<meta property|name=… content=…>`` of a page, and its ``<html lang>``."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag in ("script", "link") and (attrs.get("src") or attrs.get("href")):
            self.sources.append(attrs.get("src") or attrs.get("href"))


def tags_of(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


# --- the link's preview (21.2) --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_filtered_link_carries_a_preview_of_its_own_headline_numbers_in_its_language(
    client, state, filtered, language
):
    query = filtered + ("&lang=vi" if language == "vi" else "")
    page = tags_of(client.get("/?" + query).get_data(as_text=True))
    view = view_for(state, parse(query, state.choices, state.defaults), language)
    assert page.lang == language
    assert page.meta["twitter:card"] == "summary_large_image"
    assert view.filters != state.defaults and view.language == language
    dataset = state.localized(language).dataset
    assert (
        view.filters.describe(dataset, words=state.localized(language).words)
        in page.meta["og:title"]
    )
    shown = headlines(view)
    assert shown, "the chosen view has a headline figure"
    for headline in shown[
        :2
    ]:  # each headline figure with its own qualifier words ("over £7m"), never a bare number
        assert f"{headline.metric}: {headline.value}" in page.meta["og:description"]
    image, url = urlsplit(page.meta["og:image"]), urlsplit(page.meta["og:url"])
    assert image.scheme == "http" and image.netloc and image.path == "/preview.png"
    assert parse_qs(image.query).pop("v") == [
        state.version
    ]  # a new data version, a new image address
    assert {k: v for k, v in parse_qs(image.query).items() if k != "v"} == parse_qs(
        url.query
    )  # the same view, absolute addresses
    assert parse(url.query, state.choices, state.defaults) == view.filters
    assert parse_qs(url.query).get("lang", ["en"]) == [language]
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")


def test_the_vietnamese_preview_states_figures_with_vietnamese_qualifier_words(client, state):
    english = tags_of(client.get("/").get_data(as_text=True)).meta["og:description"]
    vietnamese = tags_of(client.get("/?lang=vi").get_data(as_text=True)).meta["og:description"]
    qualified = [
        h
        for h in headlines(state.default_view)
        if h.value.split()[0] in ("over", "up", "nearly", "about", "more", "at")
    ]
    assert qualified, "the sample has a qualified headline figure"
    assert qualified[0].value in english and qualified[0].value not in vietnamese
    assert any(word in vietnamese for word in ("hơn", "tối đa", "gần", "khoảng", "ít nhất"))


def test_the_preview_image_states_the_view_its_sources_and_its_provenance(state, filtered):
    from dashboard.outputs.preview import preview_figure

    view = view_for(state, parse(filtered, state.choices, state.defaults), "en")
    dataset = state.localized("en").dataset
    figure = preview_figure(
        view,
        dataset,
        state.config,
        version=state.version,
        link="http://example.org/?" + filtered,
        made_on=dt.date(2026, 12, 7),
    )
    text = " ".join(
        re.sub(r"<[^>]+>", "", a["text"]) for a in figure["layout"]["annotations"]
    ).replace("&amp;", "&")
    flat = " ".join(text.split())
    assert (figure["layout"]["width"], figure["layout"]["height"]) == (1200, 630)
    assert view.filters.describe(dataset) in flat  # the filters
    for headline in headlines(view)[:4]:
        assert headline.value in flat
    first_document = headline_sources(view, dataset).split(": ", 1)[1].split(";")[0]
    assert " ".join(first_document.split())[:40] in flat  # the documents cited
    assert "7 Dec 2026" in flat and state.version in flat  # the date made and the data version
    assert "example.org/?" + filtered in flat  # a short link back to the view


@pytest.mark.chromium  # draws with headless Chromium
def test_the_preview_image_is_a_1200_by_630_png_drawn_once_per_view(client, filtered, monkeypatch):
    drawn = []
    real = web_preview.preview_png
    monkeypatch.setattr(
        web_preview, "preview_png", lambda *a, **k: drawn.append(1) or real(*a, **k)
    )
    address = urlsplit(
        tags_of(client.get("/?" + filtered + "&lang=vi").get_data(as_text=True)).meta["og:image"]
    )
    first = client.get(f"{address.path}?{address.query}")
    again = client.get(f"{address.path}?{address.query}")
    assert first.status_code == 200 and first.mimetype == "image/png"
    assert png_size(first.data) == (1200, 630)
    assert again.data == first.data and len(drawn) == 1  # kept by view and data version
    unversioned = client.get(
        f"{address.path}?{filtered}&lang=vi"
    )  # the same image, at an address without the version
    assert unversioned.data == first.data and len(drawn) == 1
    max_age = lambda answer: int(
        re.search(r"max-age=(\d+)", answer.headers["Cache-Control"]).group(1)
    )  # noqa: E731
    assert max_age(first) > max_age(
        unversioned
    )  # an address naming the data version may be kept longer
    assert (
        client.get(
            f"{address.path}?{address.query}", headers={"If-None-Match": first.headers["ETag"]}
        ).status_code
        == 304
    )


def test_a_preview_asked_for_while_every_render_slot_is_taken_is_refused_with_a_retry_delay(
    client, app
):
    gate.set_limits(RenderLimits(at_once=1, waiting=0, wait_s=0.1, retry_after_s=7))
    try:
        with gate.render_slot():
            answer = client.get("/preview.png?year_from=1999")
    finally:
        settings = app.server.config["DASHBOARD_STATE"].config.serving
        gate.set_limits(
            RenderLimits(
                at_once=settings.renders_at_once,
                waiting=settings.renders_waiting,
                retry_after_s=settings.retry_after_s,
            )
        )
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "7"
    assert "try again in 7 s" in answer.get_data(as_text=True)


# --- one chart alone (21.1) ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_embedded_chart_shows_its_title_notes_source_and_a_link_to_the_full_view(
    client, state, filtered, language
):
    query = filtered + ("&lang=vi" if language == "vi" else "")
    view = view_for(state, parse(query, state.choices, state.defaults), language)
    for name in CHARTS:
        answer = client.get(f"/embed/{name}?{query}")
        html = answer.get_data(as_text=True)
        assert answer.status_code == 200
        assert tags_of(html).lang == language
        chart = view.charts[name]
        unescaped = html.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
        assert CHARTS[name].title_in(state.localized(language).words) in unescaped
        assert all(note in unescaped for note in chart.notes)
        assert chart.footer in unescaped
        back = urlsplit(
            re.search(r'class="embed-link"><a href="([^"]+)"', html).group(1).replace("&amp;", "&")
        )
        assert (
            back.netloc
            and back.path == "/"
            and parse(back.query, state.choices, state.defaults) == view.filters
        )
        assert parse_qs(back.query).get("lang", ["en"]) == [language]


def test_only_the_embed_may_be_framed_by_another_site(client, filtered):
    embed = client.get(f"/embed/{next(iter(CHARTS))}?{filtered}")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    for path in ("/", "/?" + filtered, "/status"):
        answer = client.get(path)
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Frame-Options"] == "DENY"


def test_an_unknown_chart_is_a_404_page_listing_every_chart_with_the_same_view(
    client, state, filtered
):
    answer = client.get(f"/embed/no-such-chart?{filtered}")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 404
    assert "no-such-chart" in html
    listed = {
        urlsplit(a.replace("&amp;", "&")).path: urlsplit(a.replace("&amp;", "&")).query
        for a in re.findall(r'<a href="([^"]+)"', html)
    }
    assert set(listed) == {f"/embed/{name}" for name in CHARTS}
    wanted = parse(filtered, state.choices, state.defaults)
    assert all(parse(query, state.choices, state.defaults) == wanted for query in listed.values())


def test_an_embed_loads_under_500_kb_compressed(client, filtered):
    """Every file the embed's first load fetches (page, scripts, style), as a browser gets them."""
    address = f"/embed/{next(iter(CHARTS))}?{filtered}"
    files = tags_of(client.get(address).get_data(as_text=True)).sources
    assert any("plotly" in f for f in files)
    total = 0
    for path in [address, *files]:
        answer = client.get(path, headers={"Accept-Encoding": CHROMIUM_ENCODINGS})
        assert answer.status_code == 200 and answer.headers.get("Content-Encoding"), path
        total += len(answer.data)
    assert total < 500_000


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_chart_on_the_page_offers_its_iframe_snippet_for_the_view_on_screen(
    client, filtered, language
):
    query = filtered + ("&lang=vi" if language == "vi" else "")
    layout = client.get("/_dash-layout?" + query).get_json()
    boxes = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if str(props.get("id", "")).startswith("chart-embed-"):
                boxes[props["id"]] = props["value"]
            for value in props.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(layout)
    assert set(boxes) == {f"chart-embed-{name}" for name in CHARTS}
    for name in CHARTS:
        src = (
            re.search(r'<iframe src="([^"]+)" title="[^"]+"', boxes[f"chart-embed-{name}"])
            .group(1)
            .replace("&amp;", "&")
        )
        assert urlsplit(src).netloc and urlsplit(src).path == f"/embed/{name}"
        assert parse_qs(urlsplit(src).query) == parse_qs(query)


def test_a_link_to_years_without_figures_previews_what_the_page_says_of_them(client, state):
    link = "year_from=1990&year_to=1991"
    page = tags_of(client.get("/?" + link).get_data(as_text=True))
    view = view_for(state, parse(link, state.choices, state.defaults), "en")
    assert not headlines(view)
    assert (
        page.meta["og:description"] == view.summary
    )  # "Showing 0 figures … No figures or events in 1990–1991: …"
    assert "1990" in page.meta["og:title"]


def test_the_page_does_not_load_the_embeds_own_script(client):
    assert not [
        s for s in tags_of(client.get("/").get_data(as_text=True)).sources if "/embed/" in s
    ]


def test_under_a_url_prefix_the_embed_the_preview_and_their_addresses_live_there(dataset, tmp_path):
    from dashboard.config import load_config

    (tmp_path / "config.yaml").write_text("serving:\n  url_prefix: /dashboard/\n", encoding="utf-8")
    client = create_app(dataset, load_config(tmp_path / "config.yaml")).server.test_client()
    page = tags_of(client.get("/dashboard/?lang=vi").get_data(as_text=True))
    assert urlsplit(page.meta["og:image"]).path == "/dashboard/preview.png"
    assert urlsplit(page.meta["og:url"]).path == "/dashboard/"
    name = next(iter(CHARTS))
    embed = client.get(f"/dashboard/embed/{name}?lang=vi")
    html = embed.get_data(as_text=True)
    assert (
        embed.status_code == 200 and "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    )
    assert all(
        src.startswith("/dashboard/assets/") and client.get(src).status_code == 200
        for src in tags_of(html).sources
    )
    assert (
        urlsplit(re.search(r'class="embed-link"><a href="([^"]+)"', html).group(1)).path
        == "/dashboard/"
    )
    assert client.get(f"/embed/{name}").status_code == 404  # nothing answers outside the prefix


def test_an_embed_frame_grows_with_the_lines_of_text_under_its_chart():
    from dashboard.views.share import embed_height

    spec = {"layout": {"height": 400}}
    one = embed_height(spec, ("Over: the source gives a lower bound.",), "Source: a document")
    more = embed_height(
        spec,
        ("Over: the source gives a lower bound.",),
        "Sources: " + "; ".join(["A long document title — Home Office, Apr 2025"] * 6),
    )
    assert 400 < one < more  # a source line naming six documents takes more lines of the frame
