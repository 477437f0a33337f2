// Enhancements only: the pages work without this script.
// "Copy link" on every citation: clicking a permalink with a modifier-free
// click copies "citation — URL" to the clipboard and keeps the reader in
// place; without clipboard access the link works as a plain link.
function enhanceCitations(): void {
  document.querySelectorAll<HTMLAnchorElement>("a.permalink").forEach((a) => {
    a.addEventListener("click", (ev: MouseEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || !navigator.clipboard) return;
      ev.preventDefault();
      const text = `${a.dataset.cite ?? ""} — ${a.href}`;
      navigator.clipboard.writeText(text).then(
        () => { a.setAttribute("aria-live", "polite"); a.dataset.copied = "1"; },
        () => { window.location.href = a.href; },
      );
    });
  });
}

// Mark the paragraph a permalink points to (only that one: following an
// in-page link moves the mark).
function markTarget(): void {
  document.querySelectorAll(".target").forEach((m) => m.classList.remove("target"));
  let id = window.location.hash.slice(1);
  try { id = decodeURIComponent(id); } catch { /* malformed escape: use as is */ }
  const el = id ? document.getElementById(id) : null;
  if (el) el.classList.add("target");
}

// The language switch keeps the reader at the same place: the other
// language's page has the same anchors, so the fragment is carried over.
function keepPlaceOnLanguageSwitch(): void {
  document.querySelectorAll<HTMLAnchorElement>("a.lang-switch").forEach((a) => {
    a.addEventListener("click", () => {
      if (window.location.hash) a.hash = window.location.hash;
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  enhanceCitations();
  keepPlaceOnLanguageSwitch();
  markTarget();
});
window.addEventListener("hashchange", markTarget);
