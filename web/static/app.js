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
  if (status) status.textContent = btn.dataset.copied || (btn.textContent.includes("citat") ? "Citatet med källhänvisning är kopierat." : "Källhänvisningen är kopierad.");
});

// Facets: open on wide screens (collapsed on phones so that results come first).
const filterBox = document.getElementById("filter");
if (filterBox && window.matchMedia("(min-width: 48rem)").matches) filterBox.open = true;

// The searchable remitting-body facet: hide values that do not contain the typed text.
document.addEventListener("input", (ev) => {
  const box = ev.target.closest("input.facet-search");
  if (!box) return;
  const needle = box.value.trim().toLocaleLowerCase("sv");
  const facet = document.getElementById(box.dataset.facet);
  for (const label of facet.querySelectorAll(".facet-values label")) {
    const checked = label.querySelector("input").checked;
    label.hidden = !checked && needle !== "" && !label.textContent.toLocaleLowerCase("sv").includes(needle);
  }
});

// Admin forms (status and remiss pages): the token goes in the X-Admin-Token header, never in
// the form body or the URL; the server answers 202 with what was queued.
document.addEventListener("submit", async (ev) => {
  const form = ev.target.closest("form[data-admin]");
  if (!form) return;
  ev.preventDefault();
  const token = form.querySelector("input[data-admin-token]");
  const status = document.getElementById("admin-status");
  const body = new URLSearchParams(new FormData(form));
  let text;
  try {
    const res = await fetch(form.action, { method: "POST", body, headers: { "X-Admin-Token": token.value } });
    const answer = await res.json().catch(() => ({}));
    if (res.ok) text = `Köad: ${answer.what}. Sidan visar ändringen när arbetet är klart.`;
    else if (res.status === 403) text = "Fel administratörsnyckel.";
    else text = answer.error || `Det gick inte (HTTP ${res.status}).`;
  } catch (e) {
    text = "Kunde inte nå servern.";
  }
  if (status) status.textContent = text;
});
