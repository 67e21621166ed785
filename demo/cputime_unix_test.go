//go:build unix

package demo

import "syscall"

// cpuSeconds is the user and system CPU time of this process so far, client
// and embedded server together: unlike the wall clock, it does not grow
// when other processes share the machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
