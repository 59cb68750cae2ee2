/* plotly.js (1.1 MB) is fetched only when the first chart is drawn, not parsed before the
   page's first paint: until then ``window.Plotly`` is a promise-like that dcc.Graph waits
   on (it takes ``window.Plotly`` through Promise.resolve); loading the real script
   replaces it. The script's fingerprinted address comes from the page (delivery.py). */
(function () {
    if (window.Plotly) { return; }
    var loading = null;
    window.Plotly = {
        then: function (resolve, reject) {
            if (!loading) {
                loading = new Promise(function (done, fail) {
                    var script = document.createElement("script");
                    script.src = window._dashboardPlotlyURL;
                    script.async = true;
                    script.onload = function () { done(window.Plotly); };
                    script.onerror = fail;
                    document.head.appendChild(script);
                });
            }
            return loading.then(resolve, reject);
        }
    };
})();
