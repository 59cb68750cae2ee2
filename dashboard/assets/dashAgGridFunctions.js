/* Functions the figures table names in its options (dash-ag-grid looks them up here). */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* Enter on a table cell opens the figure's source, as a click does: keyboard users get
   the same provenance panel. The server decides what to show from the row id alone. */
dagfuncs.openSourceOnEnter = function (params, setEventData) {
  if (params.event && params.event.key === "Enter" && params.data && typeof params.data.id === "string") {
    setEventData({ rowId: params.data.id });
  }
};
