// Enhancements only: the pages work without this script.

// The script's words in the page's language, from i18n/*.toml
// (layouts/_partials/head-assets.html builds one bundle per language).
import * as words from "@params";
import { isReportSlug } from "./reportpath";

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
  else if (id) findElsewhere(id.split("?")[0]);
}

// An anchor this page does not hold, on a page of a report ("a-76-564/#par-26",
// a link shortened by hand): the page that holds it, by the report's
// numbering — a paragraph by its permalink, a table by its page, an
// expected accomplishment (and its indicators and outputs) by its
// component's page (accomplishment 2.1 is in component 2).
function findElsewhere(id: string): void {
  const parts = window.location.pathname.split("/"); // "", "fr", "a-76-564", …
  if (!/^[a-z]{2}$/.test(parts[1]) || !isReportSlug(parts[2])) { // not a report's page
    document.documentElement.dataset.anchor = "stays";
    return;
  }
  const root = "/" + parts[1] + "/" + parts[2] + "/";
  let to = "";
  let m: RegExpExecArray | null;
  if ((m = /^par-(\d+)$/.exec(id))) to = root + "par/" + m[1] + "/";
  else if ((m = /^table-([a-z0-9-]+)$/.exec(id))) to = root + "tables/" + m[1] + "/#" + id;
  else if ((m = /^ea-(\d+)-\d+(?:-[io]\d+)?$/.exec(id))) to = root + "ii-f-" + m[1] + "/#" + id;
  if (to && to.split("#")[0] !== window.location.pathname) window.location.replace(to);
  else document.documentElement.dataset.anchor = "stays"; // for the tests: nowhere else to go
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

interface SearchResult { url: string; title: string; kind: string; citation: string; snippet: string; lang: string }

// titledByText: kinds whose title is the report's own words, in its
// language (search.TitleIsText)
const titledByText = ["heading", "table", "table-row"];

// appendCitation appends a citation to el, the report's title it quotes
// ("A/76/564, summary, “Ressources financières”") marked with the
// report's language lang when that is not the page's ("" when it is), as
// report.Quoted splits it for the pages.
function appendCitation(el: HTMLElement, cite: string, lang: string): void {
  for (const [open, close] of [["“", "”"], ["«\u00a0", "\u00a0»"]]) {
    const i = cite.indexOf(open);
    const j = cite.lastIndexOf(close);
    if (!lang || i < 0 || j < i + open.length) continue;
    const q = document.createElement("span");
    q.lang = lang;
    q.textContent = cite.slice(i + open.length, j);
    el.append(cite.slice(0, i + open.length), q, cite.slice(j));
    return;
  }
  el.append(cite);
}
interface SearchAnswer { total: number; results: SearchResult[]; partial?: boolean; notice?: string }

// Search as you type: the header's search form asks the search function
// for JSON and lists the first results in a panel under the box, with
// their number (said to a screen reader) and a link to all of them.
// Without JavaScript the form posts to the same function, which answers
// with an HTML page; so the box becomes a combobox here, not in the layout.
//
// The panel is a WAI-ARIA 1.2 "combobox with listbox popup" (APG): the
// focus stays in the box; ArrowDown and ArrowUp move the active option
// (aria-activedescendant on the box, aria-selected on the option) through
// the options and the box itself, wrapping: from the last option down to
// the box (none active, as before any arrow), from the box up to the last
// option; ArrowDown on a closed box opens it on its first option. Enter
// follows the active option's link, or with none submits the form. Home,
// End, ArrowLeft and ArrowRight edit the text, which leaves no option
// active. Escape closes the listbox, keeping the text (a second Escape is
// the browser's: Chrome and Safari clear a search field); Tab, a click or
// a focus elsewhere closes it. The count and the "all results" link stay outside the
// listbox: they are no options.
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
  list.id = "search-live-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", words.results);
  const all = document.createElement("a");
  panel.append(status, list, all);
  form.appendChild(panel);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  let options: HTMLAnchorElement[] = [];
  let listed = ""; // the query the options answer
  let active = -1; // index in options; -1: none, the box's own text
  const setActive = (k: number): void => {
    if (active >= 0) options[active].removeAttribute("aria-selected");
    active = k;
    if (k < 0) { input.removeAttribute("aria-activedescendant"); return; }
    const o = options[k];
    o.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", o.id);
    o.scrollIntoView({ block: "nearest" }); // the panel scrolls past 70vh
  };
  // open says whether the panel shows; the box is expanded only while it
  // shows options (a count of none, or a refusal's reason, is no listbox)
  const open = (shown: boolean): void => {
    setActive(-1);
    panel.hidden = !shown;
    input.setAttribute("aria-expanded", String(shown && options.length > 0));
  };
  const close = (): void => { open(false); };
  const show = (said: string, results: SearchResult[], q: string): void => {
    setActive(-1);
    status.textContent = said;
    listed = q;
    options = results.map((r, k) => {
      // the option is the link itself (a link may take the option role):
      // a click, a middle click or Ctrl+click work as on any link, and an
      // option holds nothing focusable. Named by its title line alone (its
      // content but the snippet), the snippet its description: a screen
      // reader says the title first, not a paragraph's worth of words.
      const a = document.createElement("a");
      a.href = r.url;
      a.id = `search-live-${k}`;
      a.tabIndex = -1; // not a tab stop: the box holds the focus
      a.setAttribute("role", "option");
      const title = document.createElement("span");
      title.className = "title";
      // a citation that repeats the title ("…, produit 5") is said once;
      // a title in the report's words is marked with its language
      const other = r.lang && r.lang !== pageLang ? r.lang : "";
      if (r.citation.toLowerCase().includes(r.title.toLowerCase())) {
        appendCitation(title, r.citation, other);
      } else {
        const t = document.createElement("span");
        t.textContent = r.title;
        if (other && titledByText.includes(r.kind)) t.lang = other;
        title.append(t, " — ");
        appendCitation(title, r.citation, other);
      }
      a.append(title);
      if (r.snippet) { // a cited paragraph ("A/76/564, par. 26") comes without one
        const snippet = document.createElement("span");
        snippet.id = `${a.id}-snippet`;
        snippet.className = "snippet";
        snippet.innerHTML = r.snippet; // escaped text with <mark> only (search.Result)
        if (r.lang && r.lang !== pageLang) snippet.lang = r.lang; // the report's text; title and citation are the page's
        // said once, as the option's description (aria-describedby
        // reads a hidden element), not as more of its name
        snippet.setAttribute("aria-hidden", "true");
        a.setAttribute("aria-describedby", snippet.id);
        a.append(snippet);
      }
      return a;
    });
    // each option in an item that is no list item (role none): a listbox
    // owns options only
    list.replaceChildren(...options.map((a) => {
      const li = document.createElement("li");
      li.setAttribute("role", "none");
      li.append(a);
      return li;
    }));
    list.hidden = options.length === 0;
    all.href = `/api/search?lang=${encodeURIComponent(lang)}&q=${encodeURIComponent(q)}`;
    all.textContent = words.all;
    all.hidden = results.length === 0;
    open(true);
    announce(said);
  };
  let timer = 0;
  let asked = "";
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    setActive(-1); // the text changed: the arrows start again from the box
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      asked = q;
      if (q.length < 3) { close(); listed = ""; return; }
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
        show(ans.total === 0 ? ans.notice || words.none : count.replace("{total}", String(ans.total)), ans.results, q);
      } catch { close(); /* offline or function unavailable: the form still posts */ }
    }, 200);
  });
  input.addEventListener("keydown", (ev: KeyboardEvent) => {
    if (ev.isComposing || ev.altKey || ev.ctrlKey || ev.metaKey) return; // an input method's keys, shortcuts
    const n = options.length;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (n === 0 || listed !== input.value.trim()) return; // options of another query
      ev.preventDefault(); // the caret stays where it is
      if (panel.hidden) { open(true); setActive(0); return; }
      // positions -1 (the box) … n-1, in a ring
      const step = ev.key === "ArrowDown" ? 1 : -1;
      setActive(((active + 1 + step + n + 1) % (n + 1)) - 1);
    } else if (ev.key === "Enter" && active >= 0 && !panel.hidden) {
      ev.preventDefault(); // not the form's submission
      options[active].click(); // the link's own navigation: the same URL as a click
    } else if (ev.key === "Escape" && !panel.hidden) {
      ev.preventDefault(); // the browser's Escape would clear the box too
      close();
    } else if (["Home", "End", "ArrowLeft", "ArrowRight"].includes(ev.key)) {
      setActive(-1); // editing the text again
    }
  });
  // a key event sent in separate parts (DevTools', some assistive
  // software's) brings its keypress even when its keydown was refused:
  // the form's submission, a keypress's, would replace the option's link
  input.addEventListener("keypress", (ev: KeyboardEvent) => {
    if (ev.key === "Enter" && active >= 0 && !panel.hidden) ev.preventDefault();
  });
  // a press on an option keeps the focus in the box (its click still
  // follows the link): a focus leaving the box closes the listbox
  list.addEventListener("mousedown", (ev: MouseEvent) => { ev.preventDefault(); });
  form.addEventListener("focusout", (ev: FocusEvent) => {
    // focus gone elsewhere by the keyboard (Tab: to the form's button or
    // beyond); a click that focuses nothing (Safari, Firefox on a Mac) is
    // the document's click handler's
    const to = ev.relatedTarget as Node | null;
    if (to && to !== input && !panel.contains(to)) close();
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
