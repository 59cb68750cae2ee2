/* Year labels under the slider that never run together. The CSS thins them by the window's
   width, but the slider's own width is what counts: at 1366 px it shares a row with three
   other filters and nine years read "20182019…". Here each label that would touch the one
   before it (or the last year, always shown) is hidden, measured at the width drawn; it runs
   again when the slider's box changes size or the filters are drawn anew (once a frame, and only
   then: measuring forces the browser to lay the page out). */
(function () {
    "use strict";
    var GAP = 6;  // px between two shown labels

    function thin(slider) {
        var marks = Array.prototype.slice.call(slider.querySelectorAll("div.dash-slider-mark"));
        marks.forEach(function (mark) { mark.classList.remove("mark-crowded"); });
        var shown = marks.filter(function (mark) { return getComputedStyle(mark).visibility !== "hidden" && mark.textContent; });
        if (shown.length < 3) { return; }
        var lastLeft = shown[shown.length - 1].getBoundingClientRect().left, right = -Infinity;
        shown.slice(0, -1).forEach(function (mark) {
            var box = mark.getBoundingClientRect();
            if (box.left < right + GAP || box.right > lastLeft - GAP) { mark.classList.add("mark-crowded"); return; }
            right = box.right;
        });
    }

    var watched = typeof WeakSet === "function" ? new WeakSet() : null;
    var sizes = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { thin(entry.target); });
    }) : null;

    function scan() {
        document.querySelectorAll(".filter-years").forEach(function (slider) {
            thin(slider);
            if (sizes && watched && !watched.has(slider)) { watched.add(slider); sizes.observe(slider); }
        });
    }

    // Measuring forces a layout: only when the year filter itself changed, once a frame. (Run on
    // every change of the page, it measured the slider for each batch of a chart's drawing.)
    var pending = false;
    function later() {
        if (!pending) { pending = true; window.requestAnimationFrame(function () { pending = false; scan(); }); }
    }
    function touchesYears(mutation) {
        var el = mutation.target.nodeType === 1 ? mutation.target : mutation.target.parentElement;
        if (el && el.closest && el.closest(".filter-years")) { return true; }
        return Array.prototype.some.call(mutation.addedNodes, function (node) {
            return node.nodeType === 1 && (node.matches(".filter-years, .dash-slider-mark") || !!node.querySelector(".filter-years"));
        });
    }
    new MutationObserver(function (mutations) { if (mutations.some(touchesYears)) { later(); } })
        .observe(document.documentElement, {subtree: true, childList: true});
    window.addEventListener("load", scan);
})();
