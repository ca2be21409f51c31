// Treaties page: filter the list as you type (the form also works without JavaScript).
"use strict";
(function () {
  const input = document.getElementById("q");
  const rows = Array.from(document.querySelectorAll("#treaty-table tbody tr"));
  const count = document.getElementById("count");
  if (!input) return;
  count.dataset.initial = count.textContent;
  function apply() {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const match = !q || row.dataset.search.includes(q);
      row.hidden = !match;
      if (match) shown++;
    }
    count.textContent = q
      ? shown + " of " + rows.length + " treaties on this page match (Search looks through all)"
      : count.dataset.initial;
  }
  input.addEventListener("input", apply);
})();
