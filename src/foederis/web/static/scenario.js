// Scenario page: the "Copy link" button. Everything else works without JavaScript.
"use strict";
(function () {
  // On a phone, fold the form away when a result is shown: the result is what was shared.
  const details = document.getElementById("form-details");
  if (details && window.matchMedia("(max-width: 640px)").matches) details.open = false;
  const button = document.getElementById("copy-share");
  if (!button) return;
  button.addEventListener("click", async () => {
    const input = document.getElementById(button.dataset.target);
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = "Copied";
    } catch (err) {
      button.textContent = "Select and copy";
    }
    setTimeout(() => { button.textContent = "Copy link"; }, 2000);
  });
})();
