package ingest

import (
	"testing"
)

// FuzzParse checks that Parse never panics, whatever the text.
func FuzzParse(f *testing.F) {
	data := readSource(f)
	f.Add(data)
	for _, n := range []int{0, 1, 100, 5000, 40000, len(data) / 2, len(data) - 5000} {
		if n <= len(data) {
			f.Add(data[:n])
		}
	}
	f.Add(data[len(data)/2:])
	f.Add([]byte("  Résumé \n\n 1. A\n2. B\n"))
	f.Add([]byte("  Résumé \n\nI. Introduction\n1. Dans a) x ; b) y ; a) z\n__________________\n1  N\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse("A-76-564.fr.txt", b)
		if err == nil && r == nil {
			t.Fatal("no report and no error")
		}
	})
}
