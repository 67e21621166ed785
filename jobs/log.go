package jobs

import "sort"

// Log attribute keys.
const (
	LogRunID   = "run_id"
	LogJob     = "job"
	LogAsOf    = "as_of"
	LogElapsed = "elapsed"
)

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
