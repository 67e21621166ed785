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
//     choice between them and the verdict are the subpackage backtest,
//     which backtest.go hands the calibration customers; customer
//     lifetime value and the customer pyramid (models.go),
//   - the Save now and Win back lists (lists.go), this period's sales
//     (period.go) and the migration since the last run (migration.go),
//   - the buyers' clusters and their names (clusters.go), found by the
//     subpackage kmeans: k-means with k chosen by silhouette,
//   - the insights: buying behaviour, characteristics, common needs,
//     segment evaluation (insights*.go, characteristics.go, needs.go) and
//     the acquisition cohorts, laid out by the subpackage cohorts,
//   - the KPIs of a run (analyze.go),
//   - the data guards: stale data and orders multiplied by a join in
//     orders.sql, measured by the subpackage guards on what guards.go
//     reads from the dataset.
//
// Its Date is the subpackage calendar's. It imports nothing of the project
// but its subpackages (btyd, backtest, kmeans, cohorts, guards, calendar),
// none of which imports it, and does no I/O: no SQL, no files, no
// excelize, no time.Now. The as-of date, every parameter and every random
// seed arrive as values, so every function here is deterministic and
// testable on plain structs. The subpackages' types that its Dataset,
// Params and Result hold, and the codes stored in them, keep their names
// here as aliases (KMeansParams, Backtest, Verdict, Freshness…).
package analysis
