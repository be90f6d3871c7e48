// "Copy codes" on the recovery codes page. The button is hidden until this script runs, so without
// script (or clipboard access) the page offers only what works: reading and downloading the codes.
"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById("copy-status");
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = [...source.querySelectorAll("code")].map((c) => c.textContent).join("\n") + "\n";
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = "Codes copied.";
    } catch {
      if (status) status.textContent = "Copying was not allowed; download the codes instead.";
    }
  });
}
