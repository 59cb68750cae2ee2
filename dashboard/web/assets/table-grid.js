/* The figures table is one stop of the Tab key, with arrow keys inside (the WAI-ARIA grid
   pattern): exactly one cell or header button has tabindex=0 (the one last focused), the
   others -1. Arrows move by cell, Home/End to a row's ends, Ctrl+Home/End to the table's
   corners, PageUp/PageDown to the first/last row. Enter or Space on a row's cell clicks the
   row, which opens the sentence its figure comes from; on a header it sorts (a button).
   The server redraws the rows on each change; the tab stop is kept on the same place. */
(function () {
    var GRID = "table[role='grid']";
    var last = {row: 0, col: 0};  // where the tab stop was, in grid coordinates

    function rows(grid) {
        return Array.prototype.slice.call(grid.querySelectorAll("tr[role='row']"));
    }
    function cells(row) {
        return Array.prototype.slice.call(row.children).map(function (cell) {
            return cell.querySelector("button") || cell;
        });
    }
    function place(target) {
        var cell = target.closest("th, td");
        var row = cell && cell.closest("tr");
        var grid = row && row.closest(GRID);
        if (!grid) { return null; }
        return {grid: grid, row: rows(grid).indexOf(row), col: Array.prototype.indexOf.call(row.children, cell)};
    }
    function focusables(grid) {
        return rows(grid).reduce(function (all, row) { return all.concat(cells(row)); }, []);
    }
    function at(grid, r, c) {
        var all = rows(grid);
        var row = all[Math.max(0, Math.min(r, all.length - 1))];
        var list = cells(row);
        return list[Math.max(0, Math.min(c, list.length - 1))];
    }
    function setStop(grid, element) {
        focusables(grid).forEach(function (el) { el.tabIndex = el === element ? 0 : -1; });
    }
    function keep(grid) {  // after a redraw: one tab stop, where it was (or the nearest cell)
        var stop = at(grid, last.row, last.col);
        if (stop && stop.tabIndex !== 0 || focusables(grid).filter(function (el) { return el.tabIndex === 0; }).length !== 1) {
            setStop(grid, stop);
        }
    }

    document.addEventListener("focusin", function (event) {
        var here = place(event.target);
        if (!here) { return; }
        last = {row: here.row, col: here.col};
        setStop(here.grid, event.target);
    });

    document.addEventListener("keydown", function (event) {
        var here = place(event.target);
        if (!here) { return; }
        var r = here.row, c = here.col, n = rows(here.grid).length;
        switch (event.key) {
            case "ArrowDown": r += 1; break;
            case "ArrowUp": r -= 1; break;
            case "ArrowRight": c += 1; break;
            case "ArrowLeft": c -= 1; break;
            case "Home": c = 0; if (event.ctrlKey) { r = 0; } break;
            case "End": c = 1e6; if (event.ctrlKey) { r = n - 1; } break;
            case "PageUp": r = 1; break;
            case "PageDown": r = n - 1; break;
            case "Enter":
            case " ":
                if (event.target.tagName === "TD") {
                    event.preventDefault();
                    event.target.closest("tr").click();
                }
                return;
            default: return;
        }
        event.preventDefault();
        var next = at(here.grid, r, c);
        setStop(here.grid, next);
        next.focus();
    });

    new MutationObserver(function () {
        document.querySelectorAll(GRID).forEach(keep);
    }).observe(document.documentElement, {subtree: true, childList: true});
})();
