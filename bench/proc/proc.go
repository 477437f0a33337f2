// Package proc reads what the benchmarks' programs report of their own
// process (Linux): its memory.
package proc

import (
	"os"
	"strings"
)

// Memory returns the process's peak and current resident memory as
// /proc/self/status gives them ("VmHWM: 17084 kB, VmRSS: 16916 kB"), or ""
// where there is no such file.
func Memory() string {
	status, _ := os.ReadFile("/proc/self/status")
	var mem []string
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			mem = append(mem, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(mem, ", ")
}
