// Package synth writes synthetic source reports derived from a real one,
// for benchmarks and tests only: they are marked as synthetic in their
// text and must never be published.
package synth

import "errors"

// Generate writes n synthetic report texts derived from src into dir.
func Generate(src []byte, n int, dir string) error {
	return errors.New("synth: not implemented yet")
}
