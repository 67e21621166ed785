// Package flock is the one advisory-lock primitive of custseg (flock(2)
// where the platform has it): a waiting lock on a file, shared or
// exclusive, for the JSON-lines files several processes append to (the run
// history, the file delivery ledger), and a lock taken without waiting on a
// folder, for the staging folders of a run. A file system without locks is
// used without them (Lock) or reported (LockDir).
//
// It imports nothing of custseg's; internal/linefile, ledger and jobs
// import it.
package flock
