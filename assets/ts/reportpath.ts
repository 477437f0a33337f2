// isReportSlug reports whether a path segment names a report by its
// symbol's slug ("a-76-564", "a-c-5-76-10"): what the report's pages are
// under, after the language ("/fr/a-76-564/…"). main.ts and notfound.ts
// both read a path so.
export function isReportSlug(segment: string | undefined): boolean {
  return /^[a-z]-[a-z0-9-]*[0-9]/.test(segment || "");
}
