// Enhancements only: the pages work without this script.

// The script's words in the page's language, from i18n/*.toml
// (layouts/_partials/head-assets.html builds one bundle per language).
import * as words from "@params";

// liveStatus is the page's one status region, made at load: a region must
// exist before its text changes for a screen reader to read it.
let liveStatus: HTMLElement | null = null;

function makeLiveStatus(): void {
  liveStatus = document.createElement("p");
  liveStatus.id = "live-status";
  liveStatus.className = "vh";
  liveStatus.setAttribute("role", "status");
  document.body.append(liveStatus);
}

// announce says words to a screen reader (the same words twice in a row
// are said again: the region is emptied first).
function announce(said: string): void {
  const live = liveStatus;
  if (!live) return;
  live.textContent = "";
  window.setTimeout(() => { live.textContent = said; }, 50);
}

// "Copy link" on every citation: clicking a permalink with a modifier-free
// click copies "citation — URL" to the clipboard and keeps the reader in
// place, says so next to the link and to a screen reader; without
// clipboard access the link works as a plain link.
function enhanceCitations(): void {
  const copied: string = words.copied;
  const hint: string = words.copyHint;
  document.querySelectorAll<HTMLAnchorElement>("a.permalink").forEach((a) => {
    if (hint) a.title = hint;
    a.addEventListener("click", (ev: MouseEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || !navigator.clipboard) return;
      ev.preventDefault();
      const text = `${a.dataset.citation ?? ""} — ${a.href}`;
      navigator.clipboard.writeText(text).then(
        () => {
          a.dataset.copied = copied;
          announce(`${a.dataset.citation ?? ""}${words.colon}${copied}`);
          window.setTimeout(() => { delete a.dataset.copied; }, 4000);
        },
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
  let el = id ? document.getElementById(id) : null;
  const q = id.indexOf("?");
  if (!el && q > 0) {
    // "#par-26?utm_source=…": a redirect that put a link's query after
    // the anchor; the browser found no such id and stayed at the top
    el = document.getElementById(id.slice(0, q));
    if (el) el.scrollIntoView();
  }
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

interface SearchResult { url: string; title: string; citation: string; snippet: string; lang: string }
interface SearchAnswer { total: number; results: SearchResult[]; partial?: boolean }

// Search as you type: the header's search form asks the search function
// for JSON and lists the first results in a panel under the box, with
// their number (said to a screen reader) and a link to all of them.
// ArrowDown moves into the list; Escape, a click or a focus elsewhere
// closes it. Without JavaScript the form posts to the same function, which
// answers with an HTML page.
function searchAsYouType(): void {
  const form = document.querySelector<HTMLFormElement>("form.search");
  const input = form?.querySelector<HTMLInputElement>("input[name=q]");
  if (!form || !input) return;
  const lang = form.querySelector<HTMLInputElement>("input[name=lang]")?.value ?? "fr";
  const pageLang = document.documentElement.lang;
  const panel = document.createElement("div");
  panel.className = "search-live";
  panel.hidden = true;
  const status = document.createElement("p");
  const list = document.createElement("ol");
  const all = document.createElement("a");
  panel.append(status, list, all);
  form.appendChild(panel);
  const close = (): void => { panel.hidden = true; };
  const links = (): HTMLAnchorElement[] => Array.from(list.querySelectorAll<HTMLAnchorElement>("a"));
  const show = (said: string, results: SearchResult[], q: string): void => {
    status.textContent = said;
    list.replaceChildren(...results.map((r) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = r.url;
      // a citation that repeats the title ("…, produit 5") is said once
      a.textContent = r.citation.toLowerCase().includes(r.title.toLowerCase()) ? r.citation : `${r.title} — ${r.citation}`;
      li.append(a);
      if (r.snippet) { // a cited paragraph ("A/76/564, par. 26") comes without one
        const p = document.createElement("p");
        p.innerHTML = r.snippet; // escaped text with <mark> only (search.Result)
        if (r.lang && r.lang !== pageLang) p.lang = r.lang; // the report's text; title and citation are the page's
        li.append(p);
      }
      return li;
    }));
    all.href = `/api/search?lang=${encodeURIComponent(lang)}&q=${encodeURIComponent(q)}`;
    all.textContent = words.all;
    all.hidden = results.length === 0;
    panel.hidden = false;
    announce(said);
  };
  let timer = 0;
  let asked = "";
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      asked = q;
      if (q.length < 3) { close(); return; }
      try {
        const res = await fetch(`/api/search?lang=${encodeURIComponent(lang)}&limit=8&q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" } });
        if (asked !== q) return;
        if (!res.ok) {
          // a query the function refuses: its reason (plain text), not the
          // last results; any other failure: the form still posts
          const reason = res.status === 400 && (res.headers.get("Content-Type") ?? "").startsWith("text/plain") ? (await res.text()).trim() : "";
          if (asked !== q) return;
          if (reason) show(reason, [], q); else close();
          return;
        }
        const ans = (await res.json()) as SearchAnswer;
        if (asked !== q) return;
        const count: string = ans.partial ? words.partial : words.count;
        show(ans.total === 0 ? words.none : count.replace("{total}", String(ans.total)), ans.results, q);
      } catch { close(); /* offline or function unavailable: the form still posts */ }
    }, 200);
  });
  form.addEventListener("keydown", (ev: KeyboardEvent) => {
    if (panel.hidden) return;
    const ls = links();
    const at = ls.indexOf(document.activeElement as HTMLAnchorElement);
    if (ev.key === "Escape") { // close the list; a second Escape clears the box
      ev.preventDefault();
      close();
      input.focus();
    } else if (ev.key === "ArrowDown" && ls.length > 0) {
      ev.preventDefault();
      ls[Math.min(at + 1, ls.length - 1)].focus();
    } else if (ev.key === "ArrowUp" && at >= 0) {
      ev.preventDefault();
      if (at === 0) input.focus(); else ls[at - 1].focus();
    }
  });
  form.addEventListener("focusout", (ev: FocusEvent) => {
    // focus gone elsewhere by the keyboard; a click that focuses nothing
    // (Safari, Firefox on a Mac) is the document's click handler's
    const to = ev.relatedTarget as Node | null;
    if (to && !form.contains(to)) close();
  });
  document.addEventListener("click", (ev: MouseEvent) => {
    if (!form.contains(ev.target as Node)) close();
  });
}

// Sortable tables: the column headings of a flat table become buttons
// that order its rows by that column (numbers by their data-value).
function sortableTables(): void {
  document.querySelectorAll<HTMLTableElement>("table.sortable").forEach((table) => {
    const body = table.tBodies[0];
    const heads = Array.from(table.querySelectorAll<HTMLTableCellElement>("thead th[scope=col]"));
    heads.forEach((th, k) => {
      const col = k + 1; // the first cell of a row is its label
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.append(...Array.from(th.childNodes));
      th.append(button);
      button.addEventListener("click", () => {
        const asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        const key = (tr: HTMLTableRowElement): string => {
          const cell = tr.cells[col];
          return cell?.dataset.value ?? cell?.textContent ?? "";
        };
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const nx = parseFloat(x), ny = parseFloat(y);
          const c = a.cells[col]?.dataset.value !== undefined && b.cells[col]?.dataset.value !== undefined && !isNaN(nx) && !isNaN(ny)
            ? nx - ny : x.localeCompare(y, document.documentElement.lang);
          return asc ? c : -c;
        });
        body.append(...rows);
      });
    });
  });
}

// A table's figure is a tab stop so that a keyboard can scroll a wide
// table (the pages set tabindex for readers without this script); one
// that does not overflow is left out of the tab order, again on resize.
function focusOnlyScrollingTables(): void {
  const figures = Array.from(document.querySelectorAll<HTMLElement>("figure.table[tabindex]"));
  const update = (): void => {
    figures.forEach((f) => { f.tabIndex = f.scrollWidth > f.clientWidth + 1 ? 0 : -1; });
  };
  update();
  let timer = 0;
  window.addEventListener("resize", () => { window.clearTimeout(timer); timer = window.setTimeout(update, 150); });
}

document.addEventListener("DOMContentLoaded", () => {
  makeLiveStatus();
  focusOnlyScrollingTables();
  sortableTables();
  searchAsYouType();
  enhanceCitations();
  keepPlaceOnLanguageSwitch();
  markTarget();
});
window.addEventListener("hashchange", markTarget);
