// Package analysis holds custseg's domain: the per-customer dataset that the
// extract step produces and the pure functions that segment it and value it:
//
//   - RFM scores and the named RFM segments, which agree with the churn
//     status (rfm.go, params.go),
//   - value tiers and value concentration: top-20 % share, Lorenz, Gini (tiers.go),
//   - churn status against each customer's own purchase rhythm, lifecycle
//     stages and the churn rate per period (churn.go),
//   - the purchase and spend models fitted to the customers (models.go),
//     whose mathematics — BG/NBD, MBG/NBD, Pareto/NBD behind one
//     interface, and the Gamma-Gamma spend model with its assumption
//     check — is the subpackage btyd; their back-test on a holdout, the
//     choice between them and the verdict (backtest*.go); customer
//     lifetime value and the customer pyramid (models.go),
//   - the Save now and Win back lists (lists.go), this period's sales
//     (period.go) and the migration since the last run (migration.go),
//   - k-means clustering with k chosen by silhouette (kmeans*.go,
//     silhouette.go, clusters.go),
//   - the KPIs of a run (analyze.go),
//   - the data guards: stale data and orders multiplied by a join in
//     orders.sql (guards.go, freshness.go, fanout.go).
//
// It imports nothing of the project but its subpackage btyd, and does no I/O: no SQL, no files, no
// excelize, no time.Now. The as-of date, every parameter and every random
// seed arrive as values, so every function here is deterministic and
// testable on plain structs.
package analysis
