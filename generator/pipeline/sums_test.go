package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// trustNow makes the stat of files just written trusted (tests write
// their files moments before building).
func trustNow(t *testing.T) {
	old := racyGap
	racyGap = -time.Hour
	t.Cleanup(func() { racyGap = old })
}

// TestSums: a file whose stat did not change is not read again; a file
// rewritten with the same size and its modification time put back is.
func TestSums(t *testing.T) {
	trustNow(t)
	dir := t.TempDir()
	f, index := filepath.Join(dir, "a.txt"), filepath.Join(dir, "sums.json")
	if err := os.WriteFile(f, []byte("hello world"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(wantRead int) string {
		t.Helper()
		s := newSums(loadSums(index))
		sum, ok, err := s.sum(f)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if _, ok, err := s.sum(filepath.Join(dir, "missing.txt")); ok || err != nil {
			t.Fatalf("a missing file: %v %v", ok, err)
		}
		if s.read != wantRead {
			t.Errorf("read %d files, want %d", s.read, wantRead)
		}
		if err := s.save(index); err != nil {
			t.Fatal(err)
		}
		return sum
	}
	first := build(1)
	if build(0) != first {
		t.Error("the hash of an unchanged file changed")
	}

	fi, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // past the file system clock's tick
	if err := os.WriteFile(f, []byte("HELLO world"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(f, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if build(1) == first {
		t.Error("a file rewritten with the same size and time kept its hash")
	}
}

// TestSumsRacy: the stat of a file written moments before the build is
// not trusted: it is read again by the next build.
func TestSumsRacy(t *testing.T) {
	dir := t.TempDir()
	f, index := filepath.Join(dir, "a.txt"), filepath.Join(dir, "sums.json")
	if err := os.WriteFile(f, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s := newSums(loadSums(index))
		if _, _, err := s.sum(f); err != nil {
			t.Fatal(err)
		}
		if s.read != 1 {
			t.Errorf("read %d files, want 1", s.read)
		}
		if err := s.save(index); err != nil {
			t.Fatal(err)
		}
	}
}
