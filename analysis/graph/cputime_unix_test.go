//go:build unix

package graph

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user + system), which unlike wall
// time does not grow when other processes compete for the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
