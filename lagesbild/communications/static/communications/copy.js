// "Kopiera texten": copies a read-only text area (the week's coverage as Markdown) to the
// clipboard. Without JavaScript the button stays hidden and the text is selected by hand.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector("[data-copied-text]");
  if (!field) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
    } catch (error) {
      field.select();
      document.execCommand("copy");
    }
    if (status) status.textContent = status.dataset.copiedText;
  });
});
