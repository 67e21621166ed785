package btyd

import "math"

// The numerator of eq. 10 of Fader, Hardie & Lee (2005),
//
//	N = (a+b+x−1)/(a−1) · [1 − (1−z)^s · ₂F₁(s, β; c; z)],
//	s = r+x, β = b+x, c = a+β−1, z = t/(α+T+t), u = t/(α+T) = z/(1−z),
//
// is the expected number of purchases in the next t of a customer known to
// be active, E[(1 − (1+p·u)^(−s))/p] with p ~ Beta(a, β). It is evaluated
// by the first of three methods that succeeds:
//
//  1. bgNumeratorEuler: the series of the Euler-transformed ₂F₁, whose
//     parameters do not grow with x (fast for almost all fitted models);
//  2. bgNumeratorDirect: the plain series of ₂F₁ with positive terms, for
//     models whose r is much larger than a+b, where the first series
//     alternates and cancels;
//  3. bgNumeratorQuad: tanh–sinh quadrature of Euler's integral, which
//     needs no condition on the parameters but costs ~10–100 µs.
//
// Each series sums until a geometric bound on its tail is below 1e−17 of
// the sum and reports failure when it needs more than bgSeriesMaxTerms
// terms or when cancellation could cost more than six of the sixteen
// digits.

const (
	bgSeriesMaxTerms = 20000
	bgSeriesMaxCond  = 1e6 // largest tolerated magnitude of the parts relative to the result
)

// bgNumerator returns N (above) at z with lz1 = ln(1−z) and logU = ln u.
func bgNumerator(s, a, beta, z, lz1, logU float64) float64 {
	if v, ok := bgNumeratorEuler(s, a, beta, z, lz1); ok {
		return v
	}
	if v, ok := bgNumeratorDirect(s, a, beta, z, lz1); ok {
		return v
	}
	return bgNumeratorQuad(s, a, beta, logU)
}

// bgNumeratorEuler evaluates N through Euler's transformation
//
//	(1−z)^s · ₂F₁(s, β; c; z) = (1−z)^(a−1) · ₂F₁(c−s, a−1; c; z)
//
// with the factor a−1 divided out of the series term by term:
//
//	N = c·(1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σ_{k≥1} τ_k,
//	τ_k = (c−s)_k (a)_(k−1) / ((c+1)_(k−1) k!) · z^k,
//
// which has no singularity at a = 1 and none at c ≤ 0 (c+1 > 0 always).
func bgNumeratorEuler(s, a, beta, z, lz1 float64) (float64, bool) {
	c := a + beta - 1
	cs := c - s
	// From k0 on, c−s+k > 0, so each term ratio is z·f₁(k)·f₂(k) with
	// f₁ = (c−s+k)/(c+k) in (0, 1) and f₂ = (a+k−1)/(k+1) monotone towards
	// 1: later ratios are at most z·max(1, f₂(k+1)).
	k0 := math.Max(1, math.Ceil(-cs)+1)
	if k0 > bgSeriesMaxTerms/2 {
		return 0, false
	}
	var sum, maxTerm float64
	tau := cs * z
	converged := false
	for k := 1.0; k <= bgSeriesMaxTerms; k++ {
		sum += tau
		maxTerm = math.Max(maxTerm, math.Abs(tau))
		if tau == 0 { // c−s is a non-positive integer: the series ends
			converged = true
			break
		}
		tau *= (cs + k) * (a + k - 1) * z / ((c + k) * (k + 1))
		if k >= k0 {
			rho := z * math.Max(1, (a+k)/(k+2))
			if rho < 1 && math.Abs(tau)/(1-rho) <= 1e-17*math.Abs(sum) {
				sum += tau
				converged = true
				break
			}
		}
	}
	if !converged {
		return 0, false
	}
	am1 := a - 1
	var A float64 // (1 − (1−z)^(a−1)) / (a−1)
	if am1 == 0 {
		A = -lz1
	} else {
		A = -math.Expm1(am1*lz1) / am1
	}
	pre := math.Exp(am1 * lz1) // (1−z)^(a−1)
	first, second := c*A, pre*sum
	v := first - second
	scale := math.Abs(first) + pre*maxTerm
	if !(v > 0) || math.IsInf(v, 0) || scale > bgSeriesMaxCond*v {
		return 0, false
	}
	return v, true
}

// bgNumeratorDirect evaluates N from the plain series
//
//	₂F₁(s, β; c; z) = Σ_{k≥0} (s)_k (β)_k / ((c)_k k!) · z^k,
//
// whose terms are positive when c > 0, summed with a running scale so that
// (1−z)^s·₂F₁ is formed in log space. It fails for c ≤ 0, when the terms
// peak beyond bgSeriesMaxTerms (s·z/(1−z) large) and when 1 − (1−z)^s·₂F₁
// cancels (a close to 1).
func bgNumeratorDirect(s, a, beta, z, lz1 float64) (float64, bool) {
	c := a + beta - 1
	if !(c > 0) || a == 1 {
		return 0, false
	}
	sum, tau, logScale := 1.0, 1.0, 0.0
	converged := false
	for k := 0.0; k < bgSeriesMaxTerms; k++ {
		tau *= (s + k) * (beta + k) * z / ((c + k) * (k + 1))
		sum += tau
		if sum > 1e250 {
			sum *= 1e-250
			tau *= 1e-250
			logScale += 250 * math.Ln10
		}
		// Later ratios are at most z·max(1, (s+k')/(k'+1))·max(1,
		// (β+k')/(c+k')) at k' = k+1: both factors move monotonically
		// towards 1.
		rho := z * math.Max(1, (s+k+1)/(k+2)) * math.Max(1, (beta+k+1)/(c+k+1))
		if rho < 1 && tau/(1-rho) <= 1e-17*sum {
			converged = true
			break
		}
	}
	if !converged {
		return 0, false
	}
	logH := s*lz1 + math.Log(sum) + logScale // ln((1−z)^s ₂F₁)
	oneMinusH := -math.Expm1(logH)
	v := c / (a - 1) * oneMinusH
	if !(v > 0) || math.IsInf(v, 0) || math.Exp(logH) > bgSeriesMaxCond*math.Abs(oneMinusH) {
		return 0, false
	}
	return v, true
}

// bgNumeratorQuad evaluates N as Euler's integral
//
//	N = ∫₀¹ (1 − (1+p·u)^(−s))/p · p^(a−1) (1−p)^(β−1) / B(a, β) dp
//
// by the tanh–sinh rule: p = 1/(1+e^(−π sinh τ)) and the trapezoid rule in
// τ, halving the step until two levels agree to 1e−8 (the rule converges
// quadratically, so the last level is far more accurate). The integrand is
// handled in log space, so parameters near the box limits (a or β ≈ e^−30,
// where half the mass of the beta lies below p = 1e−300) are fine.
func bgNumeratorQuad(s, a, beta, logU float64) float64 {
	lB := bgLgamma(a) + bgLgamma(beta) - bgLgamma(a+beta)
	logS := math.Log(s)
	logf := func(tau float64) float64 {
		v := math.Pi * math.Sinh(tau)
		lp, lq := -bgSoftplus(-v), -bgSoftplus(v) // ln p, ln(1−p)
		lpu := lp + logU
		var lh float64 // ln(1 − (1+pu)^(−s))
		if lm := logS + lpu; lpu < -30 {
			// ln(1+pu) = pu to double precision, so the exponent is s·p·u.
			if lm < -30 {
				lh = lm
			} else {
				lh = math.Log(-math.Expm1(-math.Exp(lm)))
			}
		} else {
			lh = math.Log(-math.Expm1(-s * bgSoftplus(lpu)))
		}
		return (a-1)*lp + beta*lq + lh + math.Log(math.Pi*math.Cosh(tau)) - lB
	}

	// Find the range: walk out from 0 with step 1/2 until the integrand is
	// decreasing, in its asymptotic regime (|τ| ≥ 3) and 40 e-folds below
	// the largest value seen.
	const step, tauMax = 0.5, 45.0
	maxLog := logf(0)
	var ends [2]float64
	for side, dir := range [2]float64{-1, 1} {
		prev := maxLog
		tau := 0.0
		for tau < tauMax {
			tau += step
			l := logf(dir * tau)
			maxLog = math.Max(maxLog, l)
			if tau >= 3 && l < prev && l < maxLog-40 {
				break
			}
			prev = l
		}
		ends[side] = dir * tau
	}
	if math.IsInf(maxLog, 0) || math.IsNaN(maxLog) {
		return 0
	}

	// sumFrom adds the integrand at from, from+h, from+2h, … ≤ ends[1].
	sumFrom := func(from, h float64) float64 {
		var sum float64
		for tau := from; tau <= ends[1]; tau += h {
			if l := logf(tau); l > maxLog-745 {
				sum += math.Exp(l - maxLog)
			}
		}
		return sum
	}
	h := step
	sum := sumFrom(ends[0], h)
	est := sum * h
	for level := 0; level < 9; level++ {
		sum += sumFrom(ends[0]+h/2, h)
		h /= 2
		prev := est
		est = sum * h
		if math.Abs(est-prev) <= 1e-8*est {
			break
		}
	}
	v := math.Exp(maxLog + math.Log(est))
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// bgSoftplus returns ln(1 + eˣ) without overflow.
func bgSoftplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}
