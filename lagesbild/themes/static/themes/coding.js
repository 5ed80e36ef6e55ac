// Progressive enhancement for coding: a selection in the text fills the start and end fields.
// Offsets count Unicode code points (as the server does), not UTF-16 units, so emoji and
// combining characters land where the analyst meant.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("coding-text");
  const start = document.getElementById("id_start");
  const end = document.getElementById("id_end");
  const preview = document.getElementById("selection-preview");
  if (!text || !start || !end) return;
  const points = (s) => Array.from(s).length;
  const offset = (node, at) => {
    const range = document.createRange();
    range.selectNodeContents(text);
    range.setEnd(node, at);
    return points(range.toString());
  };
  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const a = offset(range.startContainer, range.startOffset);
    const b = offset(range.endContainer, range.endOffset);
    if (b <= a) return;
    start.value = a;
    end.value = b;
    if (preview) {
      const chosen = range.toString();
      preview.textContent = "Markerat: " + (chosen.length > 120 ? chosen.slice(0, 117) + "…" : chosen);
    }
  });
});
