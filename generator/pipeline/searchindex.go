package pipeline

import (
	"bytes"
	"fmt"
	"os"

	"pkportal/report"
	"pkportal/search"
)

// writeSearchIndex writes the search index file the search function
// embeds (search.Encode of the reports, every UI language), only when it
// changed, so a build does not touch a committed file for nothing.
func writeSearchIndex(path string, reports []*report.Report) error {
	b, err := search.Encode(reports)
	if err != nil {
		return err
	}
	return writeIfChanged(path, b)
}

// writeIfChanged replaces the file at path with b, atomically (a temporary
// file renamed), unless it already holds b: a build does not touch a
// committed file for nothing.
func writeIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
