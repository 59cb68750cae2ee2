/* "Copy the code" under a chart's Embed box (web/share_panel.py): copies the <iframe>
   snippet of the box named by the button's data-for, and says so in the box's status line
   (in the page's language, from data-copied). Where the clipboard is refused (an http page
   in some browsers), the snippet is selected so Ctrl+C copies it. */
(function () {
    document.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest(".chart-embed-copy");
        if (!button) { return; }
        var box = document.getElementById(button.getAttribute("data-for"));
        var status = button.parentNode.querySelector(".chart-embed-status");
        if (!box) { return; }
        function said() { if (status) { status.textContent = button.getAttribute("data-copied") || ""; } }
        function selected() {
            box.focus();
            box.select();
            if (document.execCommand && document.execCommand("copy")) { said(); }
        }
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(box.value).then(said, selected);
        } else {
            selected();
        }
    });
})();
