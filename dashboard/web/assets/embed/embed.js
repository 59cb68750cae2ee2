/* The one-chart embed (web/embed.py): draw the figure the server wrote into the page, with
   the page's chart settings. Kept out of the Dash page (app.py: assets_path_ignore). */
(function () {
    var holder = document.getElementById("embed-figure");
    var gd = document.getElementById("embed-graph");
    if (!holder || !gd || !window.Plotly) { return; }
    var figure = JSON.parse(holder.textContent);
    var config = {displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false};
    window.Plotly.newPlot(gd, figure.data, figure.layout, config).then(function () {
        gd.style.minHeight = "";
        document.documentElement.setAttribute("data-drawn", "1");
    });
})();
