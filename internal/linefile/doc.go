// Package linefile appends to and reads the JSON-lines files of custseg:
// the run history (runs.jsonl, package jobs) and the file delivery ledger
// (ledger.jsonl, package ledger). Each record is appended by one write,
// synced before the append returns. Several processes may append to the
// same file (replicas on a shared folder, a run next to the scheduler), so
// each append holds an exclusive advisory lock on the file (flock; shared
// for a read).
//
// A crash in the middle of a write can leave a last line without its
// newline. The next append repairs that: it starts its record with a
// newline, so the record is a line of its own and only the torn fragment
// is damaged. Readers skip damaged lines and return their numbers, so that
// they are reported, never silently dropped.
//
// It deals in lines of bytes, not in what they hold. It imports
// internal/flock only; jobs and ledger import it.
package linefile
