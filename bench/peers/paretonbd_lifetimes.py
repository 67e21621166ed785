"""Time lifetimes' ParetoNBDFitter on the customers of a CSV file.

Usage: paretonbd_lifetimes.py CUSTOMERS.csv plain|grouped

CUSTOMERS.csv has a header and one customer a line: frequency (x), recency
(t_x), T, in weeks, as TestParetoNBDWriteBenchCSV writes them (see
paretonbd.sh). "plain" is lifetimes' usual call, one row a customer;
"grouped" gives it the distinct (x, t_x, T) triples with their counts as
weights, the way custseg's FitParetoNBD sums the likelihood, and counts the
grouping in the time. lifetimes draws its starting point at random; the
seed is fixed so every run starts from the same point.

Prints one JSON line: the mode, the seconds fitting took, the rows lifetimes
saw, the estimates and the log-likelihood in weeks over all customers at
those estimates (lifetimes' own is in rescaled time).

lifetimes is not part of custseg: PYTHONPATH must point at the peers (see
/work/shared/peers/README.md).
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import ParetoNBDFitter


def main():
    path, mode = sys.argv[1], sys.argv[2]
    data = pd.read_csv(path)
    np.random.seed(1987)
    fitter = ParetoNBDFitter()
    start = time.perf_counter()
    if mode == "plain":
        rows = len(data)
        fitter.fit(data["frequency"], data["recency"], data["T"])
    elif mode == "grouped":
        groups = data.groupby(["frequency", "recency", "T"]).size().reset_index(name="weights")
        rows = len(groups)
        fitter.fit(groups["frequency"], groups["recency"], groups["T"], weights=groups["weights"])
    else:
        sys.exit("mode must be plain or grouped")
    seconds = time.perf_counter() - start

    params = [float(fitter.params_[k]) for k in ("r", "alpha", "s", "beta")]
    ll = ParetoNBDFitter._conditional_log_likelihood(
        params, data["frequency"].values, data["recency"].values, data["T"].values
    ).sum()
    print(json.dumps({
        "mode": mode,
        "seconds": seconds,
        "rows": rows,
        "r": params[0], "alpha": params[1], "s": params[2], "beta": params[3],
        "log_likelihood": float(ll),
    }))


if __name__ == "__main__":
    main()
