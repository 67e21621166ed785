"""Time scikit-learn's KMeans on the rows of a CSV file.

Usage: kmeans_sklearn.py ROWS.csv [TOL]

ROWS.csv has a header and one row of 4 standardised features a line, as
TestKMeansWriteBenchCSV writes them (see kmeans.sh). The fit is
KMeans(n_clusters=5, n_init=10, init="k-means++", algorithm="lloyd") with
scikit-learn's default tol (1e-4) unless TOL is given, and a fixed
random_state so that every run starts from the same seeds.

Prints one JSON line: the seconds the fit took, the inertia of the best
start, its iterations, tol and scikit-learn's version.

scikit-learn is not part of custseg: it is Debian's python3-sklearn.
"""

import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans


def main():
    path = sys.argv[1]
    tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-4
    x = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    km = KMeans(n_clusters=5, n_init=10, init="k-means++", algorithm="lloyd",
                tol=tol, random_state=1)
    start = time.perf_counter()
    km.fit(x)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds,
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
        "tol": tol,
        "rows": int(x.shape[0]),
        "sklearn": sklearn.__version__,
    }))


if __name__ == "__main__":
    main()
