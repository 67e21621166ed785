// Package cohorts lays out the monthly acquisition cohorts of a shop: the
// buyers acquired each month and how many of them bought, and for how
// much, in each month after (Build), from the cells the database
// aggregated (Cell).
//
// It imports nothing of custseg's and does no I/O; package analysis hands
// it the dataset's cells and keeps the table on the result.
package cohorts
