// Package btyd fits and applies the "buy till you die" models of customer
// purchasing that custseg's predictions rest on: BG/NBD (Fader, Hardie &
// Lee 2005), MBG/NBD (Batislam, Denizel & Filiztekin 2007), Pareto/NBD
// (Schmittlein, Morrison & Colombo 1987) and the Gamma-Gamma spend model
// (Fader, Hardie & Lee 2005b), each by maximum likelihood on per-customer
// (x, tₓ, T) summaries, with the published CDNOW estimates as its tests.
//
// It is pure mathematics: it imports nothing of custseg's and does no I/O;
// package analysis turns customers into summaries and results into scores.
package btyd
