// Package calendar holds Date, the calendar day custseg keeps four times
// per customer: a day count in 4 bytes without a pointer, where a
// time.Time takes 24 and holds one.
//
// It is the bottom of the analysis packages: it imports nothing of
// custseg's and does no I/O, so that analysis and the subpackages whose
// results carry dates (backtest, guards) share one Date.
package calendar
