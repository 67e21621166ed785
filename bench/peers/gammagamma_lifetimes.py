"""Time lifetimes' GammaGammaFitter on the customers of a CSV file.

Usage: gammagamma_lifetimes.py CUSTOMERS.csv

CUSTOMERS.csv has a header and one repeat buyer a line: frequency (x, the
number of repeat purchases) and monetary_value (m̄, their mean value), as
TestGammaGammaWriteBenchCSV writes them (see gammagamma.sh). lifetimes is
called as usually, one row a customer, from its own fixed starting point;
the time includes its Hessian, which it always computes.

Prints one JSON line: the seconds fitting took, the rows lifetimes saw, the
estimates and the total log-likelihood over all customers at those
estimates (Fader & Hardie 2013, eq. 1a).

lifetimes is not part of custseg: PYTHONPATH must point at the peers (see
/work/shared/peers/README.md).
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import GammaGammaFitter


def main():
    data = pd.read_csv(sys.argv[1])
    fitter = GammaGammaFitter()
    start = time.perf_counter()
    fitter.fit(data["frequency"], data["monetary_value"])
    seconds = time.perf_counter() - start

    p, q, v = (float(fitter.params_[k]) for k in ("p", "q", "v"))
    ll = -GammaGammaFitter._negative_log_likelihood(
        np.log([p, q, v]), data["frequency"].values, data["monetary_value"].values,
        np.ones(len(data)), 0.0) * len(data)
    print(json.dumps({
        "seconds": seconds,
        "rows": len(data),
        "p": p, "q": q, "v": v,
        "log_likelihood": float(ll),
    }))


if __name__ == "__main__":
    main()
