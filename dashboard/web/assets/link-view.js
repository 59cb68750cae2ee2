/* A shared link's first view is its own: the page asks the server for its layout with
   the page's own query string (/_dash-layout?year_from=2022&year_to=2022), so the server
   builds the cards, charts and table of that view and no other numbers are ever drawn.
   Loaded before Dash's renderer, which fetches the layout once at start. */
(function () {
    var fetch = window.fetch;
    if (!fetch) { return; }
    window.fetch = function (resource, init) {
        if (typeof resource === "string" && window.location.search &&
                /\/_dash-layout$/.test(resource.split("?")[0]) && resource.indexOf("?") < 0) {
            resource = resource + window.location.search;
        }
        return fetch.call(this, resource, init);
    };
})();
