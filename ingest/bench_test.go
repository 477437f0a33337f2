package ingest

import (
	"os"
	"testing"
)

// BenchmarkParse measures the ingest of the real report (target ≤ 100 ms).
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(realSource)
	if err != nil {
		b.Fatal(err)
	}
	fixed, err := ApplyCorrections(realSource, data)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(fixed)))
	for b.Loop() {
		if _, err := Parse("A-76-564.fr.txt", fixed); err != nil {
			b.Fatal(err)
		}
	}
}
