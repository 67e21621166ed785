"""Time lifetimes' BetaGeoFitter or ParetoNBDFitter on the customers of a
CSV file.

Usage: purchase_lifetimes.py bgnbd|paretonbd CUSTOMERS.csv plain|grouped [FITS]

CUSTOMERS.csv has a header and one customer a line: frequency (x), recency
(t_x), T, in weeks, as TestWriteBenchCSV writes them (see purchase.sh). "plain" is lifetimes' usual call, one row a customer;
"grouped" gives it the distinct (x, t_x, T) triples with their counts as
weights, the way custseg's fits sum the likelihood, and counts the
grouping in the time. lifetimes draws its starting point at random; the
seed is fixed so every run starts from the same point.

FITS (default 1) is how many times the fit runs in this process, each from
the same starting point, the grouping included each time: the first fit
pays for what a process does once (memory first touched, lazy imports and
set-up); the later ones are what a fit costs in a process already at work.

Prints one JSON line: the mode, the seconds the first fit took, the median
seconds of the later fits (null with one fit), the rows lifetimes saw, the estimates and the log-likelihood in weeks over all customers at
those estimates (lifetimes' own is in rescaled time).

lifetimes is not part of custseg: PYTHONPATH must point at the peers (see
/work/shared/peers/README.md).
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, ParetoNBDFitter

# Per model: the fitter, its parameter names and the log-likelihood of each
# customer at the estimates, in the data's own time unit.
MODELS = {
    "paretonbd": (ParetoNBDFitter, ("r", "alpha", "s", "beta"),
                  lambda p, f, r, t: ParetoNBDFitter._conditional_log_likelihood(p, f, r, t)),
    "bgnbd": (BetaGeoFitter, ("r", "alpha", "a", "b"),
              lambda p, f, r, t: -len(f) * BetaGeoFitter._negative_log_likelihood(
                  np.log(p), f, r, t, np.ones(len(f)), 0.0)),
}


def main():
    model, path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    if model not in MODELS:
        sys.exit("model must be bgnbd or paretonbd")
    fitter_class, names, loglik = MODELS[model]
    data = pd.read_csv(path)
    fits = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    if mode not in ("plain", "grouped"):
        sys.exit("mode must be plain or grouped")
    times = []
    for _ in range(fits):
        np.random.seed(1987)
        fitter = fitter_class()
        start = time.perf_counter()
        if mode == "plain":
            rows = len(data)
            fitter.fit(data["frequency"], data["recency"], data["T"])
        else:
            groups = data.groupby(["frequency", "recency", "T"]).size().reset_index(name="weights")
            rows = len(groups)
            fitter.fit(groups["frequency"], groups["recency"], groups["T"], weights=groups["weights"])
        times.append(time.perf_counter() - start)

    params = [float(fitter.params_[k]) for k in names]
    ll = np.sum(loglik(np.array(params), data["frequency"].values, data["recency"].values, data["T"].values))
    later = float(np.median(times[1:])) if fits > 1 else None
    out = {"model": model, "mode": mode, "seconds": times[0], "later_seconds": later, "rows": rows}
    out.update(dict(zip(names, params)))
    out["log_likelihood"] = float(ll)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
