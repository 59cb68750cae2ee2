"""The source dialog from the keyboard and the mouse: it takes the focus, holds it, keeps the
page behind still and out of reach, closes with Escape, its × and Close buttons or a click
outside, and gives the focus back to what opened it."""

from __future__ import annotations

from playwright.sync_api import expect

from test_dashboard import MARK, MODAL, assert_clean, idle, open_view

LAYER = "#source-modal"
FOCUS_IN_DIALOG = "() => !!document.activeElement.closest('[role=dialog]')"
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def open_from_keyboard(page):
    """Tab to the first card line and press Enter: the dialog opens on its figure."""
    line = page.locator(".card-line").first
    line.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(MODAL)
    page.wait_for_selector(MARK)
    return line


def test_the_dialog_opened_from_the_keyboard_holds_the_focus_and_escape_gives_it_back(page, server):
    open_view(page, server)
    line = open_from_keyboard(page)
    box = page.locator(MODAL)
    assert box.get_attribute("aria-modal") == "true"
    title = page.locator("#" + box.get_attribute("aria-labelledby"))
    expect(title).not_to_be_empty()  # the dialog is named by its title
    page.wait_for_function(FOCUS_IN_DIALOG)  # the focus moved in
    # the page behind is out of reach: inert, and Tab never leaves the dialog
    assert page.evaluate("() => !!document.querySelector('main').closest('[inert]')")
    for _ in range(25):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "() => document.activeElement === document.body || "
            "!!document.activeElement.closest('[role=dialog]')"
        )
    # and does not scroll under the wheel (which scrolls it once the dialog is closed, below)
    before = page.evaluate("window.scrollY")
    page.mouse.move(5, 5)
    page.mouse.wheel(0, 900)
    page.evaluate(FRAMES)
    assert page.evaluate("window.scrollY") == before
    page.keyboard.press("Escape")
    expect(page.locator(LAYER)).to_be_hidden()
    page.wait_for_function("() => document.activeElement.classList.contains('card-line')")
    assert line.evaluate("el => el === document.activeElement")  # back where it was opened
    assert page.evaluate("() => document.querySelectorAll('[inert]').length") == 0
    page.mouse.wheel(0, 900)
    page.wait_for_function(f"() => window.scrollY > {before}")
    assert_clean(page)


def test_the_x_the_close_button_and_a_click_outside_each_close_it_and_it_opens_again(page, server):
    open_view(page, server)
    for close in (
        lambda: page.locator(MODAL).locator("[data-dialog-close]").click(),
        lambda: page.locator("#source-close").click(),
        lambda: page.mouse.click(3, 3),  # on the dimmed page, outside the dialog
    ):
        page.locator(".card-line").first.click()
        expect(page.locator(MODAL)).to_be_visible()
        expect(page.locator(MARK)).to_be_visible()
        idle(page)
        close()
        expect(page.locator(LAYER)).to_be_hidden()
        idle(page)
    assert_clean(page)


def test_on_a_phone_the_dialogs_parts_stack_and_none_is_drawn_over_another(new_page, server):
    """At 390 px the details, the document, its text and "Cite this" are one column: each
    starts below the one before (the text box was once squeezed to one line and the citation
    drawn over it)."""
    page = new_page(390, 844)
    open_view(page, server)
    open_from_keyboard(page)
    boxes = page.evaluate(
        "() => Array.from(document.querySelector('#source-body').children)"
        ".map(c => c.getBoundingClientRect()).filter(r => r.height > 0)"
        ".map(r => [Math.round(r.top), Math.round(r.bottom)])"
    )
    assert len(boxes) >= 3
    for (_, bottom), (top, _) in zip(boxes, boxes[1:]):
        assert top >= bottom, boxes
    assert_clean(page)
