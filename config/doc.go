// Package config loads and validates custseg's YAML configuration: defaults
// first, then the file (unknown keys rejected), then ${ENV} expansion in
// string values (an unset variable is an error), then Validate once. Every
// error names the file and the key, or the line, so the operator can act on
// it alone.
//
// It imports analysis for the parameter types it fills; nothing else of the
// project.
package config
