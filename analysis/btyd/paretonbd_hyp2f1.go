package btyd

import "math"

// The Gaussian hypergeometric part of the Pareto/NBD likelihood. For a
// customer with x repeat purchases and a time y (t_x or T) let
//
//	p = r+x,  A = α+y,  B = β+y,
//	G(y) = s · A^p · B^s · ∫_y^∞ (α+τ)^−p (β+τ)^−(s+1) dτ
//	     = s · ∫_0^∞ (1+t/A)^−p (1+t/B)^−(s+1) dt/B,
//
// the chance-like quantity E[(1+t/A)^−p], t ~ Lomax(s, B), which lies in
// (0, 1]. The A₀ of Fader & Hardie (2005, eq. 19–20) is
// (r+s+x)/s · (G(t_x)/(A_tx^p B_tx^s) − G(T)/(A_T^p B_T^s)). The note's
// ₂F₁(r+s+x, ·; r+s+x+1; z), after Euler's transformation (Abramowitz &
// Stegun 15.3.3), becomes a ₂F₁ whose first parameter is 1:
//
//	α ≥ β:  z = (α−β)/(α+y),  G = s/(p+s) · ₂F₁(1, p; p+s+1; z)
//	α < β:  z = (β−α)/(β+y),  G = s/(p+s) · (1−z) · ₂F₁(1, s+1; p+s+1; z)
//
// Both series ₂F₁(1, b; c; z) = Σ_k (b)_k/(c)_k z^k have c > b, so their
// terms are positive and each ratio (b+k)/(c+k)·z is below z: they never
// overflow, however large x is (the untransformed series' terms grow like
// (1−z)^−(r+x) before they fall), and at α = β (z = 0) they are exactly 1.
// The series is used for z ≤ pnSeriesMaxZ (at most ~500 terms). Closer to
// 1, where it would need ~40/(1−z) terms, G is computed as the integral
// over v = ln t,
//
//	G = s · ∫_ℝ e^v/B · (1+e^v/A)^−p (1+e^v/B)^−(s+1) dv,
//
// by the trapezoid rule, which converges geometrically for an integrand
// analytic in a strip around the real line (Trefethen & Weideman 2014);
// far from its peak the integrand is a power of e^v times a short series,
// and the rest of the sum is summed in closed form (see pnLogGQuad).
//
// pnLogG returns ln G and its gradient, which the fit needs: the series
// give the derivatives in the parameters b and c term by term, the
// integral by differentiating the integrand.
//
// References:
//
//	Fader, P. S. and Hardie, B. G. S. (2005). A note on deriving the
//	Pareto/NBD model and related expressions.
//	http://brucehardie.com/notes/009/
//	Abramowitz, M. and Stegun, I. A. (1964). Handbook of Mathematical
//	Functions, eq. 15.1.1 and 15.3.3.
//	Trefethen, L. N. and Weideman, J. A. C. (2014). The exponentially
//	convergent trapezoidal rule. SIAM Review 56(3), 385–458.

// pnSeriesMaxZ is the largest z at which G is summed as a series.
const pnSeriesMaxZ = 0.9

// pnG is ln G(y) and its derivatives: Dp = ∂ln G/∂p (p = r+x), and
// DS, DAlpha, DBeta the derivatives with respect to ln s, ln α and ln β.
type pnG struct {
	LnG, Dp, DS, DAlpha, DBeta float64
}

// pnLogG returns ln G(y) (see above) and its derivatives for p = r+x > 0,
// s, α, β > 0 and y ≥ 0, all finite.
func pnLogG(p, s, alpha, beta, y float64) pnG {
	A, B := alpha+y, beta+y
	if alpha >= beta {
		z := (alpha - beta) / A
		if z <= pnSeriesMaxZ {
			phi, phiB, phiC, phiZ := pnHyp2F1a1(p, p+s+1, z)
			w := B / A // 1−z
			return pnG{
				LnG:    math.Log(s) + math.Log(phi) - math.Log(p+s),
				Dp:     (phiB+phiC)/phi - 1/(p+s),
				DS:     1 + s*(phiC/phi-1/(p+s)),
				DAlpha: alpha / A * w * phiZ / phi, // ∂z/∂α = (1−z)/A
				DBeta:  -beta / A * phiZ / phi,     // ∂z/∂β = −1/A
			}
		}
	} else {
		z := (beta - alpha) / B
		if z <= pnSeriesMaxZ {
			phi, phiB, phiC, phiZ := pnHyp2F1a1(s+1, p+s+1, z)
			w := A / B // 1−z
			return pnG{
				LnG:    math.Log(s) + math.Log1p(-z) + math.Log(phi) - math.Log(p+s),
				Dp:     phiC/phi - 1/(p+s),
				DS:     1 + s*((phiB+phiC)/phi-1/(p+s)),
				DAlpha: alpha / A * (1 - w*phiZ/phi), // ln(1−z) = ln A − ln B; ∂z/∂α = −1/B
				DBeta:  beta / B * (phiZ/phi*w - 1),  // ∂z/∂β = (1−z)/B
			}
		}
	}
	return pnLogGQuad(p, s, alpha, beta, y)
}

// pnHyp2F1a1 returns φ = ₂F₁(1, b; c; z) = Σ_{k≥0} (b)_k/(c)_k z^k for
// 0 < b < c and 0 ≤ z ≤ pnSeriesMaxZ, with ∂φ/∂b, ∂φ/∂c and ∂φ/∂z:
//
//	φ   = 1 + Σ_{k≥1} z q_k,        q_k = (b)_k/(c)_k z^(k−1)
//	φ_z = Σ_{k≥1} k q_k
//	φ_b = z Σ_{k≥1} q_k H_k(b),      H_k(b) = Σ_{j<k} 1/(b+j)
//	φ_c = −z Σ_{k≥1} q_k H_k(c)
//
// The products q_k·H_k are carried by recurrences, so a tiny b (where
// 1/b is huge and (b)_k tiny) costs no precision. Each sum stops when a
// geometric bound on its tail (the term ratios are below z) is under
// 1e−17 of it.
func pnHyp2F1a1(b, c, z float64) (phi, phiB, phiC, phiZ float64) {
	q := b / c       // q_1
	e := 1 / c       // q_1 H_1(b) = (b/c)(1/b)
	f := b / (c * c) // q_1 H_1(c)
	phi = 1
	var sz, se, sf float64
	tail := 1 / ((1 - z) * (1 - z))
	for k := 1.0; k < 20000; k++ {
		phi += z * q
		sz += k * q
		se += e
		sf += f
		rho := (b + k) / (c + k) * z
		e = rho*e + q*z/(c+k)
		f = rho*f + rho*q/(c+k)
		q *= rho
		if z*q <= 1e-17*(1-z)*phi && q*(k+2)*tail <= 1e-17*sz && e*tail <= 1e-17*se && f*tail <= 1e-17*sf {
			break
		}
	}
	return phi, z * se, -z * sf, sz
}

// pnLogGQuad computes pnLogG by the trapezoid rule in v = ln t (see
// above), on the grid c + k·h around the integrand's peak c: step 1/2,
// then 1/4, … until two steps agree to 1e−8 (the error of the finer one is
// then about the square of that), at most 1/64. Far from the peak the
// integrand is a power of e^v times a short power series in e^v (left) or
// e^−v (right); there the rest of the infinite trapezoid sum is summed in
// closed form, from where the series' first neglected term is below
// 1e−15. On the right the walk also stops where the integrand is
// negligible: it is log-concave, so past the peak the rest of the sum is
// below f/|d ln f/dv|.
func pnLogGQuad(p, s, alpha, beta, y float64) pnG {
	A, B := alpha+y, beta+y
	lnA, lnB := math.Log(A), math.Log(B)
	q := s + 1
	lambda := p + s // −d ln f/dv far right

	// ln f = v − ln B − κ₁u + κ₂u²/2 + O(u³) for u = e^v → 0 and
	// ln f = K − λv − κ₁′w + κ₂′w²/2 + O(w³) for w = e^−v → 0.
	k1, k2 := p/A+q/B, p/(A*A)+q/(B*B)
	k1r, k2r := p*A+q*B, p*A*A+q*B*B
	K := p*lnA + s*lnB
	const lnEps = -11.512925464970229 // ln 1e−5
	vL := math.Min(lnEps-math.Log(k1), math.Min(lnA, lnB)+lnEps)
	vR := math.Max(math.Log(k1r)-lnEps, math.Max(lnA, lnB)-lnEps)
	c := -math.Log(k1) // where the slope 1 − p·σ_A − q·σ_B is about 0

	// Sums Σ e^(ln f − ref) · (1, ∂p, ∂ln s, ∂ln α, ∂ln β of ln f) over the
	// nodes, ref the largest ln f so far.
	var sum [5]float64
	ref := math.Inf(-1)
	// run evaluates the nodes v0, v0+dv, … (n of them, or until stop
	// returns true), with e^(v−ln A) and e^(v−ln B) by recurrence,
	// recomputed every 16 nodes; it returns the number evaluated.
	run := func(v0, dv float64, n int, stop func(v, lf, slope float64) bool) int {
		step := math.Exp(dv)
		var xA, xB float64
		for i := 0; i < n; i++ {
			v := v0 + float64(i)*dv
			if i%16 == 0 {
				xA, xB = math.Exp(v-lnA), math.Exp(v-lnB)
			} else {
				xA *= step
				xB *= step
			}
			spA, spB := math.Log1p(xA), math.Log1p(xB)
			sigA, sigB := xA/(1+xA), xB/(1+xB)
			lf := v - lnB - p*spA - q*spB
			if lf > ref {
				scale := math.Exp(ref - lf)
				for j := range sum {
					sum[j] *= scale
				}
				ref = lf
			}
			e := math.Exp(lf - ref)
			sum[0] += e
			sum[1] -= e * spA
			sum[2] -= e * s * spB
			sum[3] += e * alpha / A * p * sigA
			sum[4] += e * beta / B * (q*sigB - 1)
			if stop != nil && stop(v, lf, 1-p*sigA-q*sigB) {
				return i + 1
			}
		}
		return n
	}

	// Level 0: walk right from c to vR, or until the rest is negligible,
	// then left to vL.
	const h0, maxNodes = 0.5, 2000
	tailR := false
	nR := run(c, h0, maxNodes, func(v, lf, slope float64) bool {
		if slope < 0 && math.Exp(lf-ref)/-slope <= 1e-17*h0*sum[0] {
			return true
		}
		if v >= vR {
			tailR = true
			return true
		}
		return false
	})
	nL := run(c-h0, -h0, maxNodes, func(v, _, _ float64) bool { return v <= vL })
	kR, kL := nR-1, -nL // the grid's ends, in steps of h
	vRight, vLeft := c+float64(kR)*h0, c+float64(kL)*h0

	// total returns h·(Σ nodes + the closed-form tails) at step h.
	total := func(h float64) [5]float64 {
		t := sum
		// Left: nodes vLeft − i·h, i ≥ 1, u = e^v; Uk = Σ u_i^k / u^k.
		u := math.Exp(vLeft)
		f := math.Exp(vLeft - lnB - ref)
		u1, u2, u3 := f/math.Expm1(h), f*u/math.Expm1(2*h), f*u*u/math.Expm1(3*h)
		c2 := (k1*k1 + k2) / 2
		t[0] += u1 - k1*u2 + c2*u3
		t[1] += (-u2 + (k1+1/(2*A))*u3) / A
		t[2] -= s / B * (u2 - (k1+1/(2*B))*u3)
		t[3] += alpha * p / (A * A) * (u2 - (1/A+k1)*u3)
		t[4] += beta / B * (-u1 + (k1+q/B)*u2 - (c2+q*k1/B+q/(B*B))*u3)
		if tailR {
			// Right: nodes vRight + i·h, i ≥ 1, w = e^−v.
			w := math.Exp(-vRight)
			f := math.Exp(K - lambda*vRight - ref)
			v0, v1, v2 := 1/math.Expm1(lambda*h), 1/math.Expm1((lambda+1)*h), 1/math.Expm1((lambda+2)*h)
			e0, e1 := math.Exp(lambda*h), math.Exp((lambda+1)*h)
			w0, w1 := e0*v0*v0, e1*v1*v1 // Σ i·e^(−μih) for μ = λ, λ+1
			dA, dB := vRight-lnA, vRight-lnB
			c2r := (k1r*k1r + k2r) / 2
			t[0] += f * (v0 - k1r*w*v1 + c2r*w*w*v2)
			t[1] += f * (-dA*v0 - h*w0 + w*(k1r*dA-A)*v1 + w*k1r*h*w1)
			t[2] -= s * f * (dB*v0 + h*w0 + w*(B-k1r*dB)*v1 - w*k1r*h*w1)
			t[3] += alpha * p / A * f * (v0 - (A+k1r)*w*v1)
			t[4] += beta / B * f * (s*v0 - (q*B+s*k1r)*w*v1)
		}
		for i := range t {
			t[i] *= h
		}
		return t
	}
	h := h0
	est := total(h)
	for level := 1; level <= 5; level++ {
		// Add the midpoints between the nodes of the previous level.
		prev, prevRef := est[0], ref
		run(vLeft+h/2, h, kR-kL, nil)
		kL, kR = 2*kL, 2*kR
		h /= 2
		est = total(h)
		prev *= math.Exp(prevRef - ref) // in the units of the new ref
		if math.Abs(est[0]-prev) <= 1e-8*est[0] {
			break
		}
	}
	return pnG{
		LnG:    math.Log(s) + ref + math.Log(est[0]),
		Dp:     est[1] / est[0],
		DS:     1 + est[2]/est[0],
		DAlpha: est[3] / est[0],
		DBeta:  est[4] / est[0],
	}
}
