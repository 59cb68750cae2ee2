/* Functions the figures table names in its options (dash-ag-grid looks them up here). */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* Enter on a table cell opens the figure's source, as a click does: keyboard users get
   the same provenance panel. The server decides what to show from the row id alone. */
dagfuncs.openSourceOnEnter = function (params, setEventData) {
  if (params.event && params.event.key === "Enter" && params.data && typeof params.data.id === "string") {
    setEventData({ rowId: params.data.id });
  }
};

/* The server sorts every row of the view and sends one page in that order (dashboard/table.py).
   The grid shows the column's sort arrow but must not re-sort the page by itself: put the rows
   back in the order they were sent. */
dagfuncs.keepServerOrder = function (params) {
  params.nodes.sort(function (a, b) { return a.sourceRowIndex - b.sourceRowIndex; });
};
