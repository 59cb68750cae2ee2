/* A modal dialog of plain elements (web/source_panel.py: a `.dialog` layer, its `[role=dialog]` box).
   Dash opens and closes it through the layer's `hidden` property; this script does the rest:
   - on open: the page behind becomes inert (no focus, no clicks, hidden from screen readers) and
     stops scrolling, and the focus moves into the dialog (its box, so a screen reader reads the title);
   - Escape, a click on the dimmed layer outside the box, or the × button press the dialog's Close
     button (its `data-dialog-close-with`), so the page's state says closed too;
   - on close: the page comes back and the focus returns to what opened the dialog (the card line,
     table row or bar last focused or clicked), else to the page's top. */
(function () {
    var opener = null;  // the element outside any dialog last focused or clicked
    var made = [];      // the elements this script made inert, to give back

    function isOpen(layer) { return !layer.hidden; }
    function note(event) {
        var el = event.target;
        if (el && el.closest && !el.closest(".dialog")) {
            opener = el.closest("button, a, [tabindex], [role=button], .js-plotly-plot") || el;
        }
    }
    document.addEventListener("focusin", note, true);
    document.addEventListener("pointerdown", note, true);

    function pressClose(layer) {
        var close = document.getElementById(layer.dataset.dialogCloseWith);
        if (close) { close.click(); }
    }
    function inertOutside(layer) {
        for (var el = layer; el && el !== document.body; el = el.parentElement) {
            Array.prototype.forEach.call(el.parentElement.children, function (sibling) {
                if (sibling !== el && !sibling.inert && sibling.tagName !== "SCRIPT") {
                    sibling.inert = true;
                    made.push(sibling);
                }
            });
        }
    }
    function opened(layer) {
        inertOutside(layer);
        document.body.classList.add("dialog-open");
        var box = layer.querySelector("[role=dialog]");
        if (box && !box.contains(document.activeElement)) { box.focus({preventScroll: true}); }
    }
    function closed() {
        made.forEach(function (el) { el.inert = false; });
        made = [];
        document.body.classList.remove("dialog-open");
        var back = opener && opener.isConnected ? opener : null;
        if (back && typeof back.focus === "function") {
            back.focus({preventScroll: true});
        }
    }

    function watch(layer) {
        if (layer.dataset.dialogWatched) { return; }
        layer.dataset.dialogWatched = "1";
        var was = isOpen(layer);
        if (was) { opened(layer); }
        new MutationObserver(function () {
            var now = isOpen(layer);
            if (now !== was) { was = now; (now ? opened : closed)(layer); }
        }).observe(layer, {attributes: true, attributeFilter: ["hidden"]});
        layer.addEventListener("click", function (event) {
            if (event.target === layer || event.target.closest("[data-dialog-close]")) { pressClose(layer); }
        });
    }
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        document.querySelectorAll(".dialog:not([hidden])").forEach(function (layer) {
            event.preventDefault();
            pressClose(layer);
        });
    });
    // Dash draws the page after this script runs: watch for the dialog until it is drawn, then stop.
    function find() {
        var layers = document.querySelectorAll(".dialog[data-dialog-close-with]");
        layers.forEach(watch);
        return layers.length > 0;
    }
    if (!find()) {
        var finder = new MutationObserver(function () { if (find()) { finder.disconnect(); } });
        finder.observe(document.documentElement, {childList: true, subtree: true});
    }
})();
