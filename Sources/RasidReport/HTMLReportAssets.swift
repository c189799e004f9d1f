extension HTMLReport {
    /// The page's style: system fonts only, so nothing is fetched.
    static let css = """
    :root { color-scheme: light; }
    body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma, sans-serif;
           margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 3rem; line-height: 1.8; color: #212529; background: #fff; }
    h1 { margin: 0.2rem 0; font-size: 1.6rem; }
    h2 { border-bottom: 2px solid #dee2e6; padding-bottom: 0.2rem; margin-top: 2rem; }
    h3 { margin: 0; font-size: 1.05rem; }
    header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #dee2e6; padding-bottom: 0.4rem; z-index: 1; }
    .summary { margin: 0; color: #495057; }
    nav a { color: #1c7ed6; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; margin-top: 0.3rem; }
    .legend-item { cursor: pointer; white-space: nowrap; }
    .code { font-family: monospace; font-size: 0.85em; color: #495057; }
    .count { color: #868e96; font-size: 0.85em; }
    .ent { border-bottom: 3px solid transparent; }
    .doc { border: 1px solid #dee2e6; border-radius: 6px; padding: 0.6rem 0.9rem; margin: 0.8rem 0; }
    .doc:target { outline: 3px solid #fab005; }
    .doc-text { white-space: pre-wrap; font-size: 1.1rem; }
    .doc-text .ent { cursor: help; }
    .fields { font-family: monospace; font-size: 0.8rem; color: #868e96; margin: 0; overflow-wrap: anywhere; }
    .overlap { color: #c92a2a; font-size: 0.9rem; }
    table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
    th, td { border: 1px solid #dee2e6; padding: 0.2rem 0.5rem; text-align: start; vertical-align: top; }
    thead th { background: #f1f3f5; position: sticky; top: 0; }
    tbody tr:nth-child(even) { background: #f8f9fa; }
    tr.relation { cursor: help; }
    #relation-filter { margin: 0.3rem 0 0.6rem; padding: 0.3rem 0.5rem; width: 20rem; max-width: 100%; font: inherit; }
    .party { border: 1px solid #dee2e6; border-radius: 6px; padding: 0.3rem 0.9rem; margin: 0.6rem 0; }
    .party > summary { font-weight: bold; font-size: 1.1rem; cursor: pointer; }
    .body { margin: 0.3rem 1.2rem 0.3rem 0; border-inline-start: 3px solid #a5d8ff; padding-inline-start: 0.7rem; }
    .body.party-level { border-inline-start-color: #1c7ed6; }
    .body h4 { margin: 0.2rem 0; }
    .posts { margin: 0; padding-inline-start: 1.2rem; }
    .person { font-weight: bold; }
    .place { color: #2b8a3e; }
    .rel-type { font-size: 0.8em; background: #f1f3f5; border-radius: 3px; padding: 0 0.3rem; }
    .docs a { font-size: 0.8em; color: #868e96; }
    .empty { color: #868e96; }
    """

    /// The legend's type switches and the relation filter.
    static let script = """
    "use strict";
    document.querySelectorAll("#legend input[type=checkbox]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("off-" + box.dataset.class, !box.checked);
      });
    });
    var filter = document.getElementById("relation-filter");
    filter.addEventListener("input", function () {
      var q = filter.value.trim();
      document.querySelectorAll("#relations-table tbody tr").forEach(function (row) {
        row.hidden = q !== "" && row.textContent.indexOf(q) < 0;
      });
    });
    """
}
