/* Names and focus order Dash's components leave out, mended as they are drawn.
   - The year range's two number boxes get their names ("First year", "Last year"):
     without them a screen reader announces two unnamed numbers (axe rule `label`). The
     names come in the page's language from the range's data-name-* attributes (layout.py);
     on a page in another language than English its two handles are named the same way.
   - A dropdown draws a hidden, read-only input before its button that only hands focus
     on to the button; it is aria-hidden yet a Tab stop (axe rule `aria-hidden-focus`).
     Taken out of the Tab order, Tab goes straight to the button, which is named.
   - Enter in a year box applies the year, as leaving the box does (the slider commits a
     typed year only on blur); the focus stays in the box. */
(function () {
    var NAMES = [
        [".dash-range-slider-min-input", "nameFirst", "First year"],
        [".dash-range-slider-max-input", "nameLast", "Last year"]
    ];
    function named(el, key, fallback) {
        var holder = el.closest("[data-name-first]");
        return (holder && holder.dataset[key]) || fallback;
    }
    function mend(root) {
        NAMES.forEach(function (entry) {
            root.querySelectorAll(entry[0] + ":not([aria-label])").forEach(function (box) {
                box.setAttribute("aria-label", named(box, entry[1], entry[2]));
            });
        });
        root.querySelectorAll("[data-name-handles] [role='slider']:not([data-named])").forEach(function (handle, i) {
            handle.setAttribute("aria-label", named(handle, i % 2 ? "nameLast" : "nameFirst", handle.getAttribute("aria-label")));
            handle.setAttribute("data-named", "1");
        });
        root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden='true']:not([tabindex='-1'])").forEach(function (input) {
            input.tabIndex = -1;
        });
    }
    document.addEventListener("keydown", function (event) {
        var box = event.target;
        if (event.key === "Enter" && box.classList && box.classList.contains("dash-range-slider-input")) {
            event.preventDefault();
            box.blur();
            box.focus();
        }
    });
    new MutationObserver(function () { mend(document); })
        .observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex"]});
})();
