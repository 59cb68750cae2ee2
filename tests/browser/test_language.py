"""The page in Vietnamese (``?lang=vi``), in a real browser, on the shipped data.

The language is part of the view: the switch opens the same view in the other language, the
address keeps it through filter changes, reload and back, ``<html lang>`` names it, and no
English is left on the Vietnamese page but what is marked as English (a verbatim quote, the
switch's own "English") and the proper nouns the glossary keeps. Texts are read from the
catalogue, never written in here.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from playwright.sync_api import expect

from dashboard.config import load_config
from dashboard.curated.translations import Translations
from dashboard.curated.validate import load_valid
from dashboard.views.language import localized_dataset, untranslated
from dashboard.web.state import load_languages
from dashboard.words import Words
from dashboard.words.catalogue import load_catalogue
from test_accessibility import violations
from test_dashboard import MARK, MODAL, SUMMARY, idle, open_view, query, ready

ROOT = Path(__file__).resolve().parents[2]
VI = Words("vi")
TITLE_VI = VI.text(load_config(ROOT / "config.yaml").title, "page title")

# Every visible text node of the page (HTML and the charts' SVG), with the language it is
# marked as (its nearest ``lang``); a node inside a collapsed element or off the page is skipped.
VISIBLE_TEXTS = """
(root) => {
  const out = [];
  const walker = document.createTreeWalker(root || document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("script,style,noscript,.visually-hidden")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const marked = el.closest("[lang]");
    out.push([text, marked ? marked.getAttribute("lang") : ""]);
  }
  return out;
}
"""


def english_words() -> set[str]:
    """Words of the English catalogue texts that Vietnamese never writes: a word of an English
    message (``figures``, ``source``, ``over``…) that is no syllable of any Vietnamese one."""
    english, vietnamese = set(), set()
    for entry in load_catalogue("vi"):
        for text in entry.english:
            english |= set(letters(text))
        for text in entry.translated:
            vietnamese |= set(letters(text))
    return english - vietnamese


def letters(text: str) -> list[str]:
    """The words of ``text``, lower case, placeholders left out: runs of letters, diacritics
    included (``toàn`` is one word, not ``to``)."""
    return [w.lower() for w in re.findall(r"[^\W\d_]{2,}", re.sub(r"\{[a-z_]*\}", " ", text))]


def glossary_proper_nouns() -> list[str]:
    """The proper nouns the glossary keeps in English (its "Proper nouns" section)."""
    text = (ROOT / "docs" / "GLOSSARY.md").read_text(encoding="utf-8")
    section = text.split("## Proper nouns kept in English", 1)[1].split("\n## ", 1)[0]
    return [
        cells[1].strip()
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| Proper noun")
        for cells in [line.split("|")]
        if cells[1].strip() and not cells[1].strip().startswith("---")
    ]


def untranslated_names() -> list[str]:
    """The served data's names with no Vietnamese form in data/i18n (a document added without
    one): the page shows the curated English, marked untranslated where markup allows, and
    ``dashboard validate`` warns. They are the data's words, not the page's."""
    dataset = load_valid(ROOT / "data", ROOT / "seeds")
    local = localized_dataset(
        dataset, load_languages(ROOT / "data").get("vi") or Translations("vi", ""), VI
    )
    found: list[str] = []

    def walk(node) -> None:
        if untranslated(node):
            found.append(str(node))
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            for f in dataclasses.fields(node):
                walk(getattr(node, f.name))
        elif isinstance(node, (tuple, list)):
            for item in node:
                walk(item)

    walk(local)
    return found


def english_left(texts: list[list[str]]) -> list[str]:
    """The unmarked texts that hold an English word, once the glossary's proper nouns and the
    data's untranslated names are set aside. Nothing else English is set aside."""
    words, nouns = english_words(), sorted(glossary_proper_nouns(), key=len, reverse=True)
    data_words = {
        w for name in untranslated_names() for w in letters(name)
    }  # a chart wraps a name over lines
    left, previous = [], ""
    for text, lang in texts:
        if lang and not lang.startswith("vi"):
            continue  # marked as another language: a verbatim quote, the switch's "English"
        stripped = text
        if previous.endswith("counted") and stripped.startswith(
            "by "
        ):  # "counted by", wrapped between two lines
            stripped = stripped[3:]
        previous = text
        for noun in nouns:
            stripped = stripped.replace(noun, " ")
        stripped = re.sub(
            r"\b\w*\d\w*\b", " ", stripped
        )  # a token with digits is no word ("baca302dd074", a data version)
        found = [w for w in letters(stripped) if w in words and w not in data_words]
        if found:
            left.append(f"{text!r}: {', '.join(found)}")
    return left


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_the_language_switch_opens_the_same_view_in_vietnamese(page, server):
    open_view(page, server + "?year_from=2022&year_to=2022")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(re.compile(r"lang=vi"))
    ready(page)
    assert query(page)["year_from"] == ["2022"] and query(page)["year_to"] == ["2022"]
    assert html_lang(page) == "vi"
    expect(page.locator("h1")).to_have_text(TITLE_VI)
    expect(page.locator(SUMMARY)).to_contain_text(
        VI.text("Showing {figures} and {events} · {filters}", "status").split("{")[0].strip()
    )
    expect(page.get_by_role("link", name="Tiếng Việt")).to_have_attribute("aria-current", "true")
    page.get_by_role("link", name="English").click()  # and back to English, the view kept
    page.wait_for_url(lambda url: "lang=" not in url)
    ready(page)
    assert html_lang(page) == "en" and query(page)["year_from"] == ["2022"]


def test_a_filter_change_reload_and_back_keep_the_language(page, server):
    open_view(page, server + "?lang=vi")
    set_years_vi(page, 2022, 2024)
    assert query(page)["lang"] == ["vi"] and query(page)["year_from"] == ["2022"]
    english = page.get_by_role("link", name="English")
    expect(english).to_have_attribute(
        "href", re.compile(r"year_from=2022")
    )  # the switch follows the view
    page.reload()
    ready(page)
    assert html_lang(page) == "vi" and query(page)["year_to"] == ["2024"]
    expect(page.locator("h1")).to_have_text(TITLE_VI)
    page.go_back()  # to the view before the last year changed: still Vietnamese
    expect(page.locator(SUMMARY)).not_to_contain_text("2022–2024")
    idle(page)
    assert "year_to" not in query(page)
    assert query(page)["lang"] == ["vi"] and html_lang(page) == "vi"
    expect(page.locator("h1")).to_have_text(TITLE_VI)


def set_years_vi(page, year_from: int, year_to: int) -> None:
    """``set_years`` on the Vietnamese page: the summary names the years the same way."""
    first, last = (
        page.locator("#filter-years input").nth(0),
        page.locator("#filter-years input").nth(1),
    )
    for box, year in ((first, year_from), (last, year_to)):
        box.fill(str(year))
        box.press("Tab")
    expect(page.locator(SUMMARY)).to_contain_text(f"· {year_from}–{year_to} ·")
    expect(page).to_have_url(re.compile(rf"year_to={year_to}"))
    idle(page)


def test_a_bad_language_in_the_link_reads_as_english_not_as_an_error(page, server):
    open_view(page, server + "?lang=klingon")
    assert html_lang(page) == "en"
    expect(page.locator("#link-notice")).to_contain_text("lang=klingon")


def test_no_english_is_left_on_the_vietnamese_page(page, server):
    open_view(page, server + "?lang=vi")
    left = english_left(page.evaluate(VISIBLE_TEXTS))
    page.locator(".card-line").first.click()  # the source dialog too
    page.wait_for_selector(MODAL)
    page.wait_for_selector(MARK)
    expect(page.locator(".source-quote-label")).to_have_text(
        VI.text(
            "verbatim, in {language}",
            "quote label",
            language=VI.text("English", "language of a quoted document"),
        )
    )
    assert (
        page.locator(".source-text").get_attribute("lang") == "en"
    )  # the quote: the document's words, marked
    left += english_left(page.locator(MODAL).evaluate(VISIBLE_TEXTS))
    assert left == [], "\n".join(left)


def test_the_vietnamese_page_is_axe_clean_on_a_laptop_and_a_phone(new_page, server):
    for width in (1366, 390):
        page = new_page(width, 900)
        open_view(page, server + "?lang=vi")
        expect(page.locator("h1")).to_have_text(TITLE_VI)
        assert violations(page) == []
