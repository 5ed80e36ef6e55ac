// Progressive enhancement for the reading view: copy the selected text into the phrase field.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-use-selection]");
  const input = document.querySelector("#id_phrase");
  const text = document.querySelector("#source-text");
  if (!button || !input || !text) return;
  let last = "";
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (selection && selection.rangeCount && text.contains(selection.anchorNode)) {
      const value = selection.toString().trim();
      if (value) last = value;
    }
  });
  button.hidden = false;
  button.addEventListener("click", () => {
    if (last) { input.value = last.replace(/\s+/g, " "); input.focus(); }
  });
});
