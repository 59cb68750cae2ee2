/* Chart text that fits the width the chart is drawn at. The server builds one figure for
   every screen; once plotly has drawn it, this measures the text and, where some of it
   would be cut or overlap, changes the figure's layout (never its numbers):
   - value labels past the bar end: the value axis is lengthened until each label fits, and a
     label too wide for that goes on two lines;
   - category labels (programme and period) wider than a third of the chart: re-wrapped
     into shorter lines;
   - value-axis ticks that plotly would turn sideways (overlapping the next panel): every
     other tick is dropped until they fit level;
   - axis titles and panel titles wider than the chart: wrapped onto two lines;
   - stacked panels: each as tall as its labels need, the gaps as tall as ticks and titles;
   - timeline labels: wrapped to the room on their side of the marker.
   The figure as sent is kept, so a wider window gets its original layout back. */
(function () {
    var CHAR_PX = 6.6;  // about one character of the 13 px font; 11 px labels are narrower
    var ROW_PX = 34;  // the least height of a bar's row (views/theme.py ROW_PX)

    function rect(el) { return el.getBoundingClientRect(); }

    function wrapWords(text, width) {
        var words = text.split(" "), lines = [], line = "";
        words.forEach(function (word) {
            if (line && (line + " " + word).replace(/<[^>]+>/g, "").length > width) {
                lines.push(line);
                line = word;
            } else {
                line = line ? line + " " + word : word;
            }
        });
        if (line) { lines.push(line); }
        return lines;
    }

    /* "Programme name<br>wrapped<br><span style=…>period</span>" at ``width`` characters. */
    function rewrapCategory(label, width) {
        var parts = label.split("<br>");
        var last = parts[parts.length - 1];
        var span = /^(<span[^>]*>)(.*)(<\/span>)$/.exec(last);
        var name = (span ? parts.slice(0, -1) : parts).join(" ");
        var lines = wrapWords(name, width);
        if (span) {
            wrapWords(span[2], width).forEach(function (line) { lines.push(span[1] + line + span[3]); });
        }
        return lines.join("<br>");
    }

    /* ``text`` on two lines, broken at the space nearest its middle. */
    function halve(text) {
        var plain = text.replace(/<br>/g, " "), middle = plain.length / 2, best = -1;
        for (var i = 0; i < plain.length; i++) {
            if (plain[i] === " " && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) { best = i; }
        }
        return best < 0 ? plain : plain.slice(0, best) + "<br>" + plain.slice(best + 1);
    }

    function traceGroups(gd, role) {
        return Array.prototype.filter.call(gd.querySelectorAll(".scatterlayer .trace"), function (g) {
            var d = g.__data__;
            return d && d[0] && d[0].trace && d[0].trace.meta && d[0].trace.meta.role === role;
        });
    }

    function axisName(id) { return id.charAt(0) + "axis" + id.slice(1); }

    function original(gd) {
        if (!gd._fitOriginal) {
            var layout = {}, traces = {};
            Object.keys(gd.layout).forEach(function (key) {
                if (/^[xy]axis\d*$/.test(key)) {
                    var ax = gd.layout[key];
                    layout[key] = {
                        range: ax.range && ax.range.slice(), domain: ax.domain && ax.domain.slice(),
                        tickvals: ax.tickvals && ax.tickvals.slice(),
                        ticktext: ax.ticktext && ax.ticktext.slice(), title: ax.title && ax.title.text
                    };
                }
            });
            layout.annotations = (gd.layout.annotations || []).map(function (a) { return a.text; });
            layout.notes = (gd.layout.annotations || []).map(function (a) { return {xref: a.xref, x: a.x, yshift: a.yshift || 0}; });
            layout.height = gd.layout.height || gd._fullLayout.height;
            layout.marginTop = gd.layout.margin ? gd.layout.margin.t : undefined;
            gd.data.forEach(function (trace, i) {
                if (trace.meta && (trace.meta.role === "event-labels" || trace.meta.role === "labels")) {
                    traces[i] = {text: trace.text.slice(), textposition: trace.textposition.slice ? trace.textposition.slice() : trace.textposition};
                }
            });
            gd._fitOriginal = {layout: layout, traces: traces};
        }
        return gd._fitOriginal;
    }

    function restore(gd) {
        var orig = original(gd), update = {};
        Object.keys(orig.layout).forEach(function (key) {
            if (key === "height") { update.height = orig.layout.height; return; }
            if (key === "notes") { return; }
            if (key === "marginTop") { update["margin.t"] = orig.layout.marginTop === undefined ? null : orig.layout.marginTop; return; }
            if (key === "annotations") {
                orig.layout.annotations.forEach(function (text, i) {
                    update["annotations[" + i + "].text"] = text;
                    update["annotations[" + i + "].xref"] = orig.layout.notes[i].xref;
                    update["annotations[" + i + "].x"] = orig.layout.notes[i].x;
                    update["annotations[" + i + "].yshift"] = orig.layout.notes[i].yshift;
                });
                return;
            }
            var ax = orig.layout[key];
            if (ax.range) { update[key + ".range"] = ax.range.slice(); }
            if (ax.domain) { update[key + ".domain"] = ax.domain.slice(); }
            if (ax.tickvals) { update[key + ".tickvals"] = ax.tickvals.slice(); update[key + ".ticktext"] = ax.ticktext.slice(); }
            if (ax.title !== undefined) { update[key + ".title.text"] = ax.title; }
        });
        gd._fitStep = {};
        Object.keys(orig.traces).forEach(function (i) {
            window.Plotly.restyle(gd, {text: [orig.traces[i].text.slice()], textposition: [orig.traces[i].textposition]}, [+i]);
        });
        return window.Plotly.relayout(gd, update);
    }

    function fitCategories(gd, svgWidth, update) {
        var orig = original(gd).layout;
        // a phone's chart gives the labels less, so a bar and its value label keep room beside them
        var width = Math.max(14, Math.floor(svgWidth * (svgWidth < 500 ? 0.3 : 0.4) / CHAR_PX));
        Object.keys(orig).forEach(function (key) {
            var ax = orig[key];
            if (key.charAt(0) !== "y" || !ax || !ax.ticktext || gd._fullLayout[key].type !== "category") { return; }
            var longest = Math.max.apply(null, ax.ticktext.map(function (t) {
                return Math.max.apply(null, t.split("<br>").map(function (l) { return l.replace(/<[^>]+>/g, "").length; }));
            }));
            if (longest > width) {
                update[key + ".ticktext"] = ax.ticktext.map(function (t) { return rewrapCategory(t, width); });
            }
        });
    }

    function fitValueLabels(gd, svg, update) {
        traceGroups(gd, "labels").forEach(function (group) {
            var trace = group.__data__[0].trace;
            var key = axisName(trace.xaxis || "x"), ax = gd._fullLayout[key];
            if (!ax || !ax.range) { return; }
            var length = ax._length, top = update[key + ".range"] ? update[key + ".range"][1] : ax.range[1];
            group.querySelectorAll(".textpoint text").forEach(function (text, i) {
                var value = trace.x[i];
                if (value === null || value === undefined) { return; }
                var right = rect(text).right - svg.left - ax._offset;  // px from the axis start
                var beyond = right - ax.l2p(value) + 6;  // the label's room past the bar end
                var room = length - beyond;
                if (room < length * 0.25) { room = length * 0.25; }  // the bar keeps a quarter
                var needed = value * length / room;
                if (needed > top * 1.01) { top = needed; }
            });
            if (top > ax.range[1] * 1.01) { update[key + ".range"] = [ax.range[0], top]; }
        });
    }

    function fitTicks(gd, update) {
        var orig = original(gd).layout;
        gd._fitStep = gd._fitStep || {};
        Object.keys(orig).forEach(function (key) {
            var ax = orig[key];
            if (key.charAt(0) !== "x" || !ax || !ax.tickvals || ax.tickvals.length < 3) { return; }
            var id = gd._fullLayout[key]._id;
            var labels = Array.prototype.slice.call(gd.querySelectorAll("g." + id + "tick text"));
            var turned = labels.some(function (t) {
                return /rotate\((?!0)/.test(t.getAttribute("transform") || "");
            });
            // level ticks crowd too once the value labels have lengthened the axis
            var boxes = labels.map(rect).sort(function (a, b) { return a.left - b.left; });
            var touching = boxes.some(function (b, i) { return i > 0 && b.left < boxes[i - 1].right + 4; });
            if (!turned && !touching) { return; }
            var step = (gd._fitStep[key] || 1) + 1;
            if (step > ax.tickvals.length - 1) { return; }
            gd._fitStep[key] = step;
            var keep = ax.tickvals.map(function (_, i) { return i % step === 0; });
            update[key + ".tickvals"] = ax.tickvals.filter(function (_, i) { return keep[i]; });
            update[key + ".ticktext"] = ax.ticktext.filter(function (_, i) { return keep[i]; });
            update[key + ".tickangle"] = 0;
        });
    }

    function fitTitles(gd, svg, update) {
        var orig = original(gd).layout;
        gd.querySelectorAll(".infolayer > g > text").forEach(function (text) {
            var box = rect(text);
            if (box.left >= svg.left + 2 && box.right <= svg.right - 2) { return; }
            var match = /^g-([xy])(\d*)title$/.exec(text.parentNode.getAttribute("class") || "");
            var key = match && match[1] + "axis" + match[2];
            if (key && orig[key] && orig[key].title && orig[key].title.indexOf("<br>") < 0) {
                update[key + ".title.text"] = halve(orig[key].title);
            }
        });
        gd.querySelectorAll(".annotation").forEach(function (note) {
            var index = +note.getAttribute("data-index"), text = note.querySelector("text");
            var original_ = original(gd).layout.annotations[index];
            if (!text || !original_) { return; }
            // A panel title comes in lines already wrapped by the server to what a phone holds
            // from the chart's left edge: it may move there, never re-wrap.
            var lines = original_.indexOf("<br>") >= 0;
            if (lines && gd.layout.annotations[index].name !== "panel-title") { return; }
            var box = rect(text), size = gd._fullLayout._size;
            var spec_ = gd.layout.annotations[index];
            if (lines && spec_.xref === "paper" && spec_.x < 0) {
                // moved to the left edge, over the category labels: a label taller than its row
                // reaches above its panel, so the title rises clear of it into the gap above
                var clash = 0;
                var axis = /^(y\d*)/.exec(spec_.yref || "");  // its own panel's labels, reaching up into it
                gd.querySelectorAll(axis ? "g." + axis[1] + "tick text" : ".ytick text").forEach(function (tick) {
                    var t = rect(tick);
                    if (t.width > 0 && t.bottom > box.bottom && Math.min(t.right, box.right) - Math.max(t.left, box.left) > 1 && Math.min(t.bottom, box.bottom) - Math.max(t.top, box.top) > 1) {
                        clash = Math.max(clash, box.bottom - t.top + 4);
                    }
                });
                if (clash > 0) { update["annotations[" + index + "].yshift"] = Math.ceil((gd.layout.annotations[index].yshift || 0) + clash); }
                return;
            }
            if (box.right > svg.right - 2 || box.left < svg.left + 2) {
                // From the chart's left edge (past the category labels) it has the whole width.
                if (box.width > svg.width - 8 && !lines) {
                    update["annotations[" + index + "].text"] = halve(original_);
                } else {
                    update["annotations[" + index + "].xref"] = "paper";
                    update["annotations[" + index + "].x"] = -(size.l - 4) / size.w;
                }
            }
        });
    }

    /* Stacked panels (a y axis each, titled by a "panel-title" annotation) laid out from what
       each needs at this width: a row as tall as the panel's tallest category label, and the
       gap above a panel its upper neighbour's value ticks plus its own title. The server's
       layout is an estimate for a wide screen; on a phone the labels wrap to more lines. */
    function fitPanels(gd, svg, update) {
        var full = gd._fullLayout, panels = [];
        (gd.layout.annotations || []).forEach(function (a, i) {
            var axis = a.name === "panel-title" && /^(y\d*) domain$/.exec(a.yref || "");
            if (axis && full[axisName(axis[1])]) { panels.push({note: i, y: axis[1], yshift: a.yshift || 0}); }
        });
        if (panels.length < 2) { return; }
        panels.forEach(function (p) {
            var ax = full[axisName(p.y)], bottom = ax._offset + ax._length, tallest = 0, below = 0;
            gd.querySelectorAll("g." + p.y + "tick text").forEach(function (t) { tallest = Math.max(tallest, rect(t).height); });
            gd.querySelectorAll("g." + ax.anchor + "tick text").forEach(function (t) {
                if (rect(t).height > 0) { below = Math.max(below, rect(t).bottom - svg.top - bottom); }
            });
            var text = gd.querySelector('.annotation[data-index="' + p.note + '"] text');
            p.key = axisName(p.y);
            p.top = ax._offset;
            p.length = ax._length;
            p.need = Math.abs(ax.range[1] - ax.range[0]) * Math.max(ROW_PX, tallest + 8);
            p.title = text ? rect(text).height : 0;
            p.below = Math.max(below, 0);
        });
        var gaps = panels.map(function (p, k) { return k === 0 ? 0 : panels[k - 1].below + 10 + p.title + 6; });
        var plot = panels.reduce(function (sum, p, k) { return sum + p.need + gaps[k]; }, 0);
        var size = full._size, height = Math.round(plot + size.t + size.b), moved = Math.abs(height - full.height) > 3;
        var top = 0;  // px below the plot's top
        panels.forEach(function (p, k) {
            top += gaps[k];
            if (Math.abs(size.t + top - p.top) > 3 || Math.abs(p.need - p.length) > 3) { moved = true; }
            p.domain = [1 - (top + p.need) / plot, 1 - top / plot];
            top += p.need;
        });
        if (!moved && panels.every(function (p) { return !p.yshift; })) { return; }
        if (Math.abs(height - full.height) > 3) { update.height = height; }
        panels.forEach(function (p) {
            update[p.key + ".domain"] = [Math.max(0, p.domain[0]), Math.min(1, p.domain[1])];
            if (p.yshift) { update["annotations[" + p.note + "].yshift"] = 0; }
        });
    }

    function fitEventLabels(gd, svg) {
        var orig = original(gd).traces, changed = false;
        traceGroups(gd, "event-labels").forEach(function (group) {
            var trace = group.__data__[0].trace, index = trace.index, ax = gd._fullLayout.xaxis;
            var base = orig[index];
            if (!base) { return; }
            var texts = trace.text.slice(), positions = [];
            group.querySelectorAll(".textpoint text").forEach(function (node, i) {
                var box = rect(node), x = svg.left + ax._offset + ax.d2p(trace.x[i]);
                positions.push(Array.isArray(trace.textposition) ? trace.textposition[i] : trace.textposition);
                if (box.left >= svg.left + 2 && box.right <= svg.right - 2) { return; }
                // The server put the label on the side with more room (beyond a date band): keep
                // it there and wrap it to that room.
                var onLeft = positions[i] === "middle left";
                var width = Math.max(12, Math.floor((onLeft ? x - svg.left - 12 : svg.right - x - 12) / 5.8));
                var plain = base.text[i].replace(/<br>/g, " ");
                var date = /^<b>(.*?)<\/b>/.exec(plain);
                var head = date ? "<b>" + date[1].replace(/ /g, "\u00a0") + "</b>" : "";
                var lines = wrapWords(head + (date ? plain.slice(date[0].length) : plain), width);
                texts[i] = lines.join("<br>").replace(/\u00a0/g, " ");
                changed = true;
            });
            if (changed) { window.Plotly.restyle(gd, {text: [texts], textposition: [positions]}, [index]); }
        });
        return changed;
    }

    /* A value label wider than three quarters of its axis cannot sit past its bar however long the
       axis grows (the bar keeps a quarter): "between 10,000 and 12,000" on a phone. It goes on two
       lines, broken at the space nearest its middle. */
    function wrapValueLabels(gd) {
        var orig = original(gd).traces, changed = false;
        traceGroups(gd, "labels").forEach(function (group) {
            var trace = group.__data__[0].trace, index = trace.index;
            var ax = gd._fullLayout[axisName(trace.xaxis || "x")];
            if (!ax || !orig[index] || !Array.isArray(trace.text)) { return; }
            var texts = trace.text.slice(), wrapped = false;
            group.querySelectorAll(".textpoint text").forEach(function (node, i) {
                if (rect(node).width > ax._length * 0.75 && String(texts[i]).indexOf("<br>") < 0) {
                    texts[i] = halve(String(texts[i]));
                    wrapped = true;
                }
            });
            if (wrapped) { window.Plotly.restyle(gd, {text: [texts]}, [index]); changed = true; }
        });
        return changed;
    }

    /* Row labels (category ticks, timeline labels) that touch each other: the rows need more height. */
    function crowded(gd) {
        var boxes = Array.prototype.map.call(gd.querySelectorAll(".ytick text, .textpoint text"), rect)
            .filter(function (b) { return b.width > 0 && b.height > 0; });
        for (var i = 0; i < boxes.length; i++) {
            for (var j = i + 1; j < boxes.length; j++) {
                var a = boxes[i], b = boxes[j];
                if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) {
                    return true;
                }
            }
        }
        return false;
    }

    function fit(gd) {
        if (gd._fitting || !window.Plotly || !gd._fullLayout || !gd._fullLayout._size) { return; }
        if (gd._fitLayout !== gd.layout) {  // a new figure from the server: start from it
            gd._fitLayout = gd.layout;
            gd._fitOriginal = null;
            gd._fitStep = {};
            gd._fitWidth = null;
        }
        var svgNode = gd.querySelector("svg.main-svg");
        if (!svgNode) { return; }
        var svg = rect(svgNode);
        if (svg.width < 10) { return; }
        gd._fitting = true;
        var done = function () { gd._fitting = false; resizeMissed(gd); };
        var start = Promise.resolve();
        if (gd._fitWidth && Math.abs(gd._fitWidth - svg.width) > 1) { start = restore(gd).then(function () { followWindow(gd); }); }
        gd._fitWidth = svg.width;
        start.then(function () {
            var passes = 0;
            function pass() {
                quiet(gd);
                var box = rect(gd.querySelector("svg.main-svg")), update = {}, restyled = false;
                // One kind of change a pass, each measured on the layout the last one left.
                fitCategories(gd, box.width, update);
                fitValueLabels(gd, box, update);
                fitTicks(gd, update);
                if (!changes(gd, update)) { update = {}; fitPanels(gd, box, update); }
                if (!changes(gd, update)) { update = {}; fitTitles(gd, box, update); }
                if (!changes(gd, update)) { update = {}; fitLegend(gd, box, update); }
                if (!changes(gd, update)) { update = {}; restyled = fitEventLabels(gd, box); }
                if (!changes(gd, update) && !restyled) { restyled = wrapValueLabels(gd); }
                if (!changes(gd, update) && !restyled && crowded(gd)) {
                    update = {height: Math.round(gd._fullLayout.height * 1.2)};
                }
                passes += 1;
                if ((!changes(gd, update) && !restyled) || passes > 12) { return Promise.resolve(); }
                // dcc.Graph hands plotly the figure without its height (its "responsive" mode):
                // a relayout then sizes the chart by its container, which has no height of its own.
                if (update.height === undefined && !gd.layout.height) { update.height = gd._fullLayout.height; }
                // each pass in a task of its own: the page answers input between passes
                return new Promise(function (resolve) { setTimeout(resolve, 0); })
                    .then(function () { return window.Plotly.relayout(gd, changes(gd, update) ? update : {}); })
                    .then(function () { followWindow(gd); })
                    .then(pass);
            }
            return pass();
        }).then(done, done);
    }

    /* A relayout that sets the height makes plotly pin the width it had (it keeps no
       autosize in one dimension only), and Plots.resize leaves a chart with both set alone:
       after a window resize the chart kept its old width and the page scrolled sideways.
       Unpinning the width lets dcc.Graph's resize redraw it at the new width, and the fit
       starts over from there (plotly_afterplot). */
    function followWindow(gd) {
        if (gd.layout) { delete gd.layout.width; }
    }

    /* A window resize that came while a fit was running found the width still pinned (or its
       redraw's fit skipped): redraw at the box's width now. */
    function resizeMissed(gd) {
        var svgNode = gd.querySelector("svg.main-svg");
        if (!svgNode || !window.Plotly || !window.Plotly.Plots) { return; }
        if (Math.abs(rect(gd).width - rect(svgNode).width) > 1) {
            followWindow(gd);
            window.Plotly.Plots.resize(gd);
        }
    }

    /* dcc.Graph copies every relayout but height back into its figure prop and redraws from
       it, which undid each fit's height and started it over, without end on a phone. The
       page reads no relayoutData: the fitted layout is the browser's own business. */
    function quiet(gd) {
        if (gd.removeAllListeners) { gd.removeAllListeners("plotly_relayout"); }
    }

    function changes(gd, update) {
        return Object.keys(update).some(function (key) {
            return JSON.stringify(lookup(gd.layout, key)) !== JSON.stringify(update[key]);
        });
    }

    /* A legend that reaches into the plot (one key a row on a phone): a taller top margin. */
    function fitLegend(gd, svg, update) {
        var legend = gd.querySelector(".legend"), size = gd._fullLayout._size;
        if (!legend) { return; }
        // the first panel's title (as many lines as it has) sits between the legend and its panel
        var title = 0;
        gd.querySelectorAll(".annotation").forEach(function (note) {
            var spec = (gd.layout.annotations || [])[+note.getAttribute("data-index")], text = note.querySelector("text");
            if (spec && spec.yanchor === "bottom" && text && rect(text).top < svg.top + size.t + 2) { title = Math.max(title, rect(text).height + (spec.yshift || 0)); }
        });
        var needed = rect(legend).bottom - svg.top + (title ? title + 10 : 6);
        if (needed > size.t + 1) { update["margin.t"] = Math.ceil(needed); }
    }

    function lookup(layout, key) {
        return key.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (node, part) {
            return node === undefined || node === null ? undefined : node[part];
        }, layout);
    }

    function watch(gd) {
        if (gd._fitWatched || !gd.on) { return; }
        gd._fitWatched = true;
        gd.on("plotly_afterplot", function () { fit(gd); });
        fit(gd);
    }

    function scan() {
        document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
            if (gd._fullLayout) { watch(gd); }
        });
    }

    new MutationObserver(scan).observe(document.documentElement, {subtree: true, childList: true});
})();
