// Package jobs runs custseg's job: config → extract → analyse → render →
// publish → record, one value passed forward, and the checks behind
// `custseg check`. A step never reaches back; a failed run leaves no file
// in the output folder.
//
// It imports config, queries, analysis and reports; nothing imports it but
// cmd/custseg.
package jobs
