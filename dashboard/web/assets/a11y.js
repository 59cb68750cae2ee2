/* Names and focus order Dash's components leave out, mended as they are drawn.
   - The year range's two number boxes get their names ("First year", "Last year"):
     without them a screen reader announces two unnamed numbers (axe rule `label`).
   - A dropdown draws a hidden, read-only input before its button that only hands focus
     on to the button; it is aria-hidden yet a Tab stop (axe rule `aria-hidden-focus`).
     Taken out of the Tab order, Tab goes straight to the button, which is named.
   - Enter in a year box applies the year, as leaving the box does (the slider commits a
     typed year only on blur); the focus stays in the box. */
(function () {
    var NAMES = [
        [".dash-range-slider-min-input", "First year"],
        [".dash-range-slider-max-input", "Last year"]
    ];
    function mend(root) {
        NAMES.forEach(function (pair) {
            root.querySelectorAll(pair[0] + ":not([aria-label])").forEach(function (box) {
                box.setAttribute("aria-label", pair[1]);
            });
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
