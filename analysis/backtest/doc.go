// Package backtest decides how far to trust the purchase models of
// package btyd: it fits BG/NBD, MBG/NBD and Pareto/NBD side by side
// (FitModels), fits them again on a calibration period and compares their
// predictions for the holdout after it with what the customers did and
// with a naive baseline (Run), chooses the model every prediction uses —
// the configured one, the lowest holdout error per customer or the lowest
// BIC (Choose) — and gives the verdict on it in codes the reports word
// (Judge).
//
// It works on per-customer (x, t_x, T) summaries in the models' time
// units and imports only btyd and calendar of custseg's, with no I/O;
// package analysis turns customers into those summaries and the holdout
// the extract read into a Calibration.
package backtest
