package pipeline

import (
	"bytes"
	"fmt"
	"os"
)

// writeAtomic replaces the file at path with b: written beside it, then
// renamed, so that a reader (or a build stopped half-way) never sees part
// of it.
func writeAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeIfChanged replaces the file at path with b, atomically, unless it
// already holds b: a build does not touch a committed file for nothing.
func writeIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	return writeAtomic(path, b)
}
