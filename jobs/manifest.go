package jobs

import (
	"github.com/custseg/custseg/analysis"
)

// Manifest is the record of one run, written as manifest.json beside its
// outputs.
type Manifest struct {
	RunID       string                  `json:"run_id"`
	Job         string                  `json:"job"`
	AsOf        string                  `json:"as_of"`
	Status      string                  `json:"status"` // "ok" or "failed"
	DryRun      bool                    `json:"dry_run"`
	StartedAt   string                  `json:"started_at"`
	FinishedAt  string                  `json:"finished_at"`
	Parameters  map[string]string       `json:"parameters"`
	DurationsMS map[string]int64        `json:"durations_ms"`
	Counts      Counts                  `json:"counts"`
	KPIs        analysis.KPIs           `json:"kpis"`
	DataQuality []analysis.QualityCheck `json:"data_quality"`
	Outputs     []Output                `json:"outputs"`
	Warnings    []string                `json:"warnings"`
	// Dir is the folder the run's files are in (not serialised).
	Dir string `json:"-"`
}

// Counts are the run's row and group counts.
type Counts struct {
	SourceRows int64          `json:"source_rows"`
	Customers  int            `json:"customers"`
	Buyers     int            `json:"buyers"`
	Orders     int            `json:"orders"`
	Segments   map[string]int `json:"segments"`
	Tiers      map[string]int `json:"tiers"`
	Statuses   map[string]int `json:"statuses"`
}

// Output is one file the run wrote.
type Output struct {
	Path   string `json:"path"` // relative to the run folder
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}
