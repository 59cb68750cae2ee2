/* The source dialog's Copy buttons ("Cite this": the reference, the BibTeX entry, the dated
   link). Each is a real <button data-copy="ID">: Tab reaches it, Enter or Space presses it.
   It copies the text of element ID (a link: its full address) and says so in the status
   beside it, in the page's language (data-copied), for screen readers too (role=status).
   The server writes the dated link as a path (it cannot know the address a proxy shows);
   a link marked data-absolute shows the whole address the browser resolved it to. */
(function () {
    function absolute(root) {
        root.querySelectorAll("a[data-absolute]").forEach(function (a) {
            if (a.textContent !== a.href) { a.textContent = a.href; }
        });
    }
    absolute(document);
    new MutationObserver(function () { absolute(document); }).observe(document.documentElement, {childList: true, subtree: true});
    function fallback(text) {
        var box = document.createElement("textarea");
        box.value = text;
        box.setAttribute("readonly", "");
        box.style.position = "fixed";
        box.style.opacity = "0";
        document.body.appendChild(box);
        box.select();
        var done = false;
        try { done = document.execCommand("copy"); } catch (e) { done = false; }
        document.body.removeChild(box);
        return done;
    }
    document.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
        if (!button) { return; }
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (!target) { return; }
        var text = target.tagName === "A" ? target.href : target.textContent;
        var status = button.parentNode.querySelector(".copy-status");
        var said = function () {
            if (status) { status.textContent = button.getAttribute("data-copied") || "Copied"; }
            button.setAttribute("data-done", "1");
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(said, function () { if (fallback(text)) { said(); } });
        } else if (fallback(text)) {
            said();
        }
    });
})();
