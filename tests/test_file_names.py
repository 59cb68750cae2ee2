"""A file says what it holds: its name carries the filters of the view it was made of (a chosen
programme, metric or scope by its id, several by their count), the years and the day made, in
ASCII letters, digits, ``-`` and ``_`` only, each part cut short, so every system can keep it."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.analysis.frame import Filters, figures_frame
from dashboard.outputs.export import NAME_PART_CHARS, file_name
from dashboard.web import urlstate
from dashboard.web.downloads import VIEW_TITLE, build_download, download_name
from dashboard.words import Words

DAY = dt.date(2026, 11, 22)
SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def test_a_file_of_one_programme_metric_and_scope_is_named_by_them_and_a_file_of_all_by_none(
    dataset, config
):
    known = urlstate.choices(dataset)
    years = (known.first_year, known.last_year)
    everything, _ = build_download("csv", Filters(*years), dataset, config, today=DAY)
    assert everything == f"programme-figures_{years[0]}-{years[1]}_{DAY}.csv"
    figure = next(
        f for f in figures_frame(dataset).to_dict("records") if isinstance(f["scope"], str)
    )  # a view that holds it
    year = figure["period_end"].year
    narrow = Filters(year, year, (figure["programme"],), (figure["metric"],), (figure["scope"],))
    name, _ = build_download("csv", narrow, dataset, config, today=DAY)
    parts = [figure["programme"], figure["metric"], figure["scope"].replace("_", "-")]
    assert name == f"programme-figures_{'_'.join(parts)}_{year}_{DAY}.csv"


def test_several_chosen_are_counted_in_the_words_of_the_file_s_language():
    several = Filters(2022, 2024, ("a", "b"), ("m", "n", "o"), ("s", "t"))
    english = download_name(VIEW_TITLE, several, DAY, "xlsx", Words("en"))
    assert english == f"programme-figures_2-programmes_3-metrics_2-scopes_2022-2024_{DAY}.xlsx"
    vietnamese = download_name(VIEW_TITLE, several, DAY, "xlsx", Words("vi"))
    assert (
        vietnamese == f"so-lieu-chuong-trinh_2-chuong-trinh_3-chi-so_2-pham-vi_2022-2024_{DAY}.xlsx"
    )
    assert (
        vietnamese.title
        == f"Số liệu chương trình_2 chương trình_3 chỉ số_2 phạm vi_2022-2024_{DAY}.xlsx"
    )


def test_a_chart_image_of_one_programme_says_the_chart_and_the_programme():
    name = download_name(
        "Funding by programme",
        Filters(2022, 2022, ("modern-slavery-fund",)),
        DAY,
        "png",
        Words("en"),
    )
    assert name == f"funding-by-programme_modern-slavery-fund_2022_{DAY}.png"


def test_every_name_is_short_and_safe_for_every_system_whatever_the_ids():
    odd = ('Ďiacritics & spaces/slashes\\:*?"<>|' * 6, "x" * 300, "uk_vietnam_bilateral")
    for filters in (Filters(2018, 2025, odd[:1], odd[1:2], odd[2:]), Filters(2018, 2018, odd[1:2])):
        for language in ("en", "vi"):
            name = file_name("Số liệu: chương trình " * 5, filters, DAY, "csv", Words(language))
            assert SAFE.match(name), name
            stem = name.removesuffix(".csv")
            assert all(len(part) <= NAME_PART_CHARS for part in stem.split("_")), name
            assert len(name) <= 5 * NAME_PART_CHARS + 30
