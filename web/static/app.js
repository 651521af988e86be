// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("click", async (ev) => {
  const btn = ev.target.closest("button.copy");
  if (!btn) return;
  const field = document.getElementById(btn.dataset.copy);
  const status = btn.parentElement.querySelector(".copied");
  try {
    await navigator.clipboard.writeText(field.value);
  } catch (e) {
    field.select();
    document.execCommand("copy");
  }
  if (status) status.textContent = "Källhänvisningen är kopierad.";
});
