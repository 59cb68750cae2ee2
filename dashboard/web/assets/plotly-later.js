/* Charts cost the page nothing until a reader comes near them.

   plotly.js (1.1 MB) is fetched only when the first chart comes near the screen, not with
   the page: until then ``window.Plotly`` is a promise-like that dcc.Graph waits on (it takes
   ``window.Plotly`` through Promise.resolve). The script's fingerprinted address comes from
   the page (delivery.py).

   plotly.js is fetched when a chart box is on the screen, or at the reader's first move
   (scroll, key, touch or pointer press: someone heading for the charts), or when the page is
   printed; a page opened on its cards and filters is ready without evaluating 1.1 MB of
   script it does not yet show (Lighthouse counted that evaluation as 90 ms of blocking on a
   desktop screen whose first chart sat just below the fold).

   Each chart is first drawn when it comes within NEAR of the screen (or the page is
   printed): on a phone the first screen shows the cards, and drawing five charts below them
   held the main thread for seconds. Until then its box keeps the height the server gave the
   figure, so nothing moves when it is drawn. A chart already drawn redraws at once. */
(function () {
    if (window.Plotly) { return; }
    var NEAR = "600px 0px";
    var loading = null;

    var MOVES = ["scroll", "wheel", "keydown", "touchstart", "pointerdown"];

    /* ``action`` once a chart's box is on the screen, the reader first moves, or the page is
       printed. Every chart box is watched, those Dash adds or replaces later too. */
    function near(action) {
        var done = false, observer = null, watcher = null;
        function then() {
            if (done) { return; }
            done = true;
            if (observer) { observer.disconnect(); }
            if (watcher) { watcher.disconnect(); }
            MOVES.forEach(function (type) { window.removeEventListener(type, then, true); });
            action();
        }
        if (!("IntersectionObserver" in window)) { then(); return; }
        observer = new IntersectionObserver(function (entries) {
            if (entries.some(function (entry) { return entry.isIntersecting; })) { then(); }
        });
        MOVES.forEach(function (type) {
            window.addEventListener(type, then, {capture: true, passive: true});
        });
        function watchAll() {
            document.querySelectorAll(".dash-graph").forEach(function (el) {
                if (!el._nearWatched) { el._nearWatched = true; observer.observe(el); }
            });
        }
        watcher = new MutationObserver(watchAll);
        watcher.observe(document.body, {childList: true, subtree: true});
        watchAll();
        window.addEventListener("beforeprint", then, {once: true});
    }

    function drawWhenNear(plotly) {
        if (!("IntersectionObserver" in window)) { return; }
        var react = plotly.react, waiting = new Map();
        function draw(gd) {
            var wait = waiting.get(gd);
            if (!wait) { return; }
            waiting.delete(gd);
            observer.unobserve(gd);
            react.apply(plotly, wait.args).then(function (result) {
                gd.style.minHeight = "";
                wait.done.forEach(function (done) { done[0](result); });
            }, function (error) { wait.done.forEach(function (done) { done[1](error); }); });
        }
        // One chart a task: two charts coming near together are drawn in turn, the page
        // answering input in between (a single task of both blocked it twice as long).
        var queue = [];
        function next() {
            var gd = queue.shift();
            if (gd) { draw(gd); }
            if (queue.length) { setTimeout(next, 0); }
        }
        function later(gd) {
            if (queue.indexOf(gd) < 0) { queue.push(gd); }
            if (queue.length === 1) { setTimeout(next, 0); }
        }
        var observer = new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) { if (entry.isIntersecting) { later(entry.target); } });
        }, {rootMargin: NEAR});
        window.addEventListener("beforeprint", function () { Array.from(waiting.keys()).forEach(draw); });
        plotly.react = function (gd, figure) {
            if (gd._fullLayout || !gd.getBoundingClientRect) { return react.apply(plotly, arguments); }
            var args = arguments;
            return new Promise(function (resolve, reject) {
                var wait = waiting.get(gd);
                if (wait) { wait.args = args; wait.done.push([resolve, reject]); return; }
                var layout = (figure && figure.layout) || {};
                var template = (layout.template && layout.template.layout) || {};
                gd.style.minHeight = (layout.height || template.height || 400) + "px";
                waiting.set(gd, {args: args, done: [[resolve, reject]]});
                observer.observe(gd);
            });
        };
    }

    window.Plotly = {
        then: function (resolve, reject) {
            if (!loading) {
                loading = new Promise(function (done, fail) {
                    near(function () {
                        var script = document.createElement("script");
                        script.src = window._dashboardPlotlyURL;
                        script.async = true;
                        script.onload = function () { drawWhenNear(window.Plotly); done(window.Plotly); };
                        script.onerror = fail;
                        document.head.appendChild(script);
                    });
                });
            }
            return loading.then(resolve, reject);
        }
    };
})();
