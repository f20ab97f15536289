// "Kopiér" buttons: copy the text of the element named by data-copy-target to the clipboard.
"use strict";
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copyTarget);
    if (!source) return;
    try {
      await navigator.clipboard.writeText(source.textContent);
      button.textContent = "Kopieret";
    } catch (error) {
      // Clipboard refused (plain HTTP, or no permission): select the text so Ctrl-C works.
      const range = document.createRange();
      range.selectNodeContents(source);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      button.textContent = "Markeret: tryk Ctrl-C";
    }
  });
});
