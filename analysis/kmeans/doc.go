// Package kmeans clusters the rows of a dense matrix: k-means with greedy
// k-means++ seeding and Lloyd iterations, with Hamerly's bounds and
// optionally scikit-learn's convergence tolerance (Fit), the choice of k
// by the mean silhouette on fixed-seed samples (Select), the silhouette
// itself (Silhouette), the adjusted Rand index between two labellings
// (AdjustedRandIndex) and the standardisation of the columns
// (Standardize). Every result depends only on the data, the parameters
// and the seed, never on the number of cores.
//
// It is pure numerics over a Matrix: it imports nothing of custseg's and
// does no I/O; package analysis turns the buyers into standardised
// features and the clusters into profiles.
package kmeans
