// On a page not found: the address a reader most likely meant, when the
// portal has it — the same in lower case ("/fr/A-76-564/" typed from the
// symbol) or with a language ("/a-76-564/par/26/", a link shortened by
// hand, in the reader's language first), for an address of a report's
// part only. The portal goes there, keeping the query and the anchor;
// otherwise the page stays as it is.
import { isReportSlug } from "./reportpath";

(() => {
  // the page stays: said on the document, for the tests to know
  const stay = (): void => { document.documentElement.dataset.notfound = "stays"; };
  const path = window.location.pathname;
  const lower = path.toLowerCase();
  const langs = ["fr", "en"];
  const candidates: string[] = [];
  const parts = lower.split("/");
  if (langs.indexOf(parts[1] || "") < 0) {
    if (!isReportSlug(parts[1])) return stay(); // a report's part only: nothing else is tried
    const first = (navigator.language || "").toLowerCase().indexOf("fr") === 0 ? "fr" : "en";
    candidates.push("/" + first + lower, "/" + langs.filter((l) => l !== first)[0] + lower);
  } else if (lower !== path && isReportSlug(parts[2])) {
    candidates.push(lower);
  }
  const tryFrom = (i: number): void => {
    if (i >= candidates.length) return stay();
    fetch(candidates[i], { method: "HEAD" })
      .then((r) => {
        if (r.ok) window.location.replace(candidates[i] + window.location.search + window.location.hash);
        else tryFrom(i + 1);
      })
      .catch(() => { /* offline: stay */ });
  };
  tryFrom(0);
})();
