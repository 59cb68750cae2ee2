"""axe-core (through axe-playwright-python) finds no violation in any state a user meets:
the default view, the source dialog open, and a 390 px phone. Once per state."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from test_dashboard import MODAL, MARK, open_view

AXE = Axe()


def violations(page) -> list[str]:
    """Each violation as ``rule: the elements it names`` (empty: none), once no transition is
    running (a dialog fading in has its text at half contrast: axe measured it so, at times)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): "
        + "; ".join(
            " ".join(node["target"]) if isinstance(node["target"][0], str) else str(node["target"])
            for node in v["nodes"]
        )
        for v in results.response["violations"]
    ]


def test_the_default_view_has_no_accessibility_violation(page, server):
    open_view(page, server)
    assert violations(page) == []


def test_the_open_source_dialog_has_no_accessibility_violation(page, server):
    open_view(page, server)
    page.locator(".card-line").first.click()
    page.wait_for_selector(MODAL)
    page.wait_for_selector(MARK)
    assert violations(page) == []


def test_a_phone_view_has_no_accessibility_violation(new_page, server):
    page = new_page(390, 844)
    open_view(page, server)
    assert violations(page) == []
