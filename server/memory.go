package server

import (
	"os"
	"runtime/debug"
)

// GCPercent is the garbage collector's target (GOGC) while serving. A language
// server holds a large, long-lived heap (parsed files, evaluated resources,
// findings, the graph) and allocates a little per keystroke: with Go's default of
// 100, a collection that marks the whole heap starts every few edits and slows the
// edits it overlaps. 300 lets the heap grow to four times what is live between
// collections, a quarter as many collections, each no costlier.
const GCPercent = 300

// MemoryLimit is the soft limit on the Go heap while serving: past it the
// collector runs as often as it must, whatever GCPercent says, so that the growth
// GCPercent allows never takes the process past 1 GiB while live data fits.
const MemoryLimit = 1 << 30

// TuneMemory sets GCPercent and MemoryLimit for a serving process, unless the user
// set GOGC or GOMEMLIMIT, and returns a function that restores the previous
// settings. It changes process-wide settings, so only the process's main (or a
// benchmark standing in for it) calls it.
func TuneMemory() (restore func()) {
	oldPercent, oldLimit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		oldPercent = debug.SetGCPercent(GCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		oldLimit = debug.SetMemoryLimit(MemoryLimit)
	}
	return func() {
		if oldPercent != -2 {
			debug.SetGCPercent(oldPercent)
		}
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}
