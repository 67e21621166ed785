package analysis

import (
	"fmt"
	"math"

	"github.com/custseg/custseg/analysis/backtest"
	"github.com/custseg/custseg/analysis/btyd"
	"github.com/custseg/custseg/analysis/stats"
)

// purchaseModelNames name the purchase models in warnings.
var purchaseModelNames = map[string]string{btyd.ModelBGNBD: "BG/NBD", btyd.ModelMBGNBD: "MBG/NBD", btyd.ModelParetoNBD: "Pareto/NBD"}

// daysPerMonth is the mean length of a month, 365.25 / 12.
const daysPerMonth = 365.25 / 12

// rft returns a buyer's BG/NBD history in time units of unit days:
// x = purchase days − 1, t_x = days from the first to the last purchase day,
// T = days from the first purchase day to the as-of date (that day
// included, as in the CDNOW calibration).
func rft(c *Customer, asOf Date, unit float64) btyd.RFT {
	return btyd.RFT{
		X:  float64(c.OrderDays - 1),
		Tx: float64(c.FirstOrder.DaysTo(c.LastOrder)) / unit,
		T:  float64(c.FirstOrder.DaysTo(asOf)) / unit,
	}
}

// meanRepeatSpend is the Gamma-Gamma monetary input: the mean spend per
// repeat purchase day, the first purchase day left out,
//
//	m̄ = (gross − first-day gross) / x.
//
// Refunds are not subtracted: the model describes what a purchase is worth.
func meanRepeatSpend(c *Customer) float64 {
	x := c.OrderDays - 1
	if x < 1 {
		return 0
	}
	return (c.Gross - c.FirstDayGross) / float64(x)
}

// fitModels fits the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) and
// Gamma-Gamma to the buyers, back-tests the purchase models on the
// holdout, chooses one (backtest.Choose), judges it (backtest.Judge) and
// fills the model fields of the scores from the chosen model. When no
// purchase model or the spend model cannot be used it records why in res
// and leaves the fields zero; the run goes on with the rule-based fields.
func fitModels(d *Dataset, p ModelParams, scores []Score, res *Result) {
	m := &res.Models
	m.TimeUnitDays, m.PurchaseHorizon, m.CLVMonths, m.MonthlyDiscount = p.TimeUnitDays, p.PurchaseHorizon, p.CLVMonths, p.MonthlyDiscount
	at := DateOf(d.AsOf)
	buyers := 0
	for i := range d.Customers {
		if d.Customers[i].IsBuyer() {
			buyers++
		}
	}
	data := make([]btyd.RFT, 0, buyers)
	xs, ms := make([]float64, 0, buyers), make([]float64, 0, buyers)
	for i := range d.Customers {
		c := &d.Customers[i]
		if !c.IsBuyer() {
			continue
		}
		h := rft(c, at, p.TimeUnitDays)
		data = append(data, h)
		if h.X >= 1 {
			xs = append(xs, h.X)
			ms = append(ms, meanRepeatSpend(c))
		}
	}
	// A configured model is the only one fitted; auto fits them all.
	var only map[string]bool
	if p.PurchaseModel != "" && p.PurchaseModel != "auto" {
		only = map[string]bool{p.PurchaseModel: true}
	}
	m.Purchase = backtest.FitModels(data, only)
	if only != nil && !only[btyd.ModelBGNBD] {
		m.BGNBDError = errNotFittedPrefix + p.PurchaseModel
	}
	for _, f := range m.Purchase {
		if f.Key == btyd.ModelBGNBD {
			if bg, ok := f.Model.(btyd.BGNBD); ok {
				m.BGNBD = bg
			}
			m.BGNBDError = f.Error
		}
	}
	m.Backtest = runBacktest(d, p, m.Purchase)
	m.Chosen, m.ChoiceReason, m.PurchaseError = backtest.Choose(m.Purchase, &m.Backtest, p.PurchaseModel)
	if m.Chosen == "" {
		for _, f := range m.Purchase {
			if p.PurchaseModel == "auto" || p.PurchaseModel == "" || p.PurchaseModel == f.Key {
				res.Warnings = append(res.Warnings, Warning{Code: WarnPurchaseModel, Args: []string{f.Key, f.Error},
					Text: fmt.Sprintf("purchase model (%s) not used: %s", purchaseModelNames[f.Key], f.Error)})
			}
		}
	}
	m.SpendCorrelation, m.SpendCorrelationN = btyd.SpendFrequencyCorrelation(xs, ms)
	if !d.HasFirstDay {
		m.GGError = errFirstDaysMissing
	} else {
		gg, err := btyd.FitGammaGamma(xs, ms)
		m.GammaGamma = gg
		if err != nil {
			m.GGError = err.Error()
			res.Warnings = append(res.Warnings, Warning{Code: WarnSpendModel, Args: []string{err.Error()},
				Text: "spend model (Gamma-Gamma) not used: " + err.Error()})
		} else if gg.Excluded > 0 {
			res.Warnings = append(res.Warnings, Warning{Code: WarnSpendExcluded, Args: []string{itoa(gg.Excluded)},
				Text: fmt.Sprintf("spend model: %d repeat buyers with a mean spend that is not positive were left out of the fit", gg.Excluded)})
		}
	}
	repeat := 0
	for _, h := range data {
		if h.X >= 1 {
			repeat++
		}
	}
	m.Usable = m.Chosen != "" && m.GGError == ""
	m.Verdict = backtest.Judge(m.Chosen, &m.Backtest, repeat, m.GGError, m.SpendCorrelation, m.SpendCorrelationN)
	if !m.Usable {
		return
	}
	var pm btyd.PurchaseModel
	for _, f := range m.Purchase {
		if f.Key == m.Chosen {
			pm = f.Model
		}
	}
	if d.HasCost {
		var net, cost float64
		for i := range d.Customers {
			net += d.Customers[i].Net()
			cost += d.Customers[i].Cost
		}
		if net > 0 {
			m.MarginRatio = clamp01((net - cost) / net)
		}
	}

	predict := predictHistories(pm, data, p)
	gg := m.GammaGamma
	j := 0 // the buyer's entry of data, in the same order
	for i := range d.Customers {
		c := &d.Customers[i]
		if !c.IsBuyer() {
			continue
		}
		h, pr := data[j], predict(j)
		j++
		s := &scores[i]
		s.PAlive = stats.Finite(pr.palive)
		if pr.next > 0 && !math.IsInf(pr.next, 0) {
			s.NextOrder = at + Date(math.Ceil(pr.next*p.TimeUnitDays))
		}
		s.ExpPurchases = stats.Finite(pr.horizon)
		s.ExpSpend = stats.Finite(gg.ConditionalExpectedSpend(h.X, meanRepeatSpend(c)))
		margin := 1.0
		if d.HasCost {
			margin = m.MarginRatio
			if net := c.Net(); net > 0 {
				margin = clamp01((net - c.Cost) / net)
			}
		}
		s.CLV = stats.Finite(pr.discounted * s.ExpSpend * margin)
	}
}

// assignPyramid ranks buyers by lifetime value (or, without usable models,
// by historical value) and cuts the ranking at the pyramid shares:
// platinum for the first Platinum share of buyers, then gold, iron, and
// lead for the rest. Ties keep dataset order.
func assignPyramid(d *Dataset, p PyramidParams, scores []Score, res *Result) {
	by := func(s *Score) float64 { return s.CLV }
	res.Models.PyramidBy = "clv"
	if !res.Models.Usable {
		by = func(s *Score) float64 { return s.Value }
		res.Models.PyramidBy = "value"
	}
	var buyers []int
	for i := range d.Customers {
		if d.Customers[i].IsBuyer() {
			buyers = append(buyers, i)
		}
	}
	buyers = byKeyDesc(buyers, func(i int) float64 { return by(&scores[i]) })
	n := float64(len(buyers))
	cut := []int{
		int(math.Ceil(p.Platinum * n)),
		int(math.Ceil((p.Platinum + p.Gold) * n)),
		int(math.Ceil((p.Platinum + p.Gold + p.Iron) * n)),
	}
	for rank, i := range buyers {
		switch {
		case rank < cut[0]:
			scores[i].Pyramid = PyramidPlatinum
		case rank < cut[1]:
			scores[i].Pyramid = PyramidGold
		case rank < cut[2]:
			scores[i].Pyramid = PyramidIron
		default:
			scores[i].Pyramid = PyramidLead
		}
	}
	keys := make([]string, len(PyramidTiers))
	for k, t := range PyramidTiers {
		keys[k] = t.String()
	}
	res.Pyramid = groupSummaries(scores, keys, func(s *Score) string { return s.Pyramid.String() })
}

// groupSummaries counts buyers, value and lifetime value per group key.
func groupSummaries(scores []Score, keys []string, key func(*Score) string) []GroupSummary {
	sums := make([]GroupSummary, len(keys))
	idx := map[string]int{}
	for k, name := range keys {
		sums[k].Key = name
		idx[name] = k
	}
	buyers, value, clv := 0, 0.0, 0.0
	for i := range scores {
		s := &scores[i]
		k, ok := idx[key(s)]
		if !ok {
			continue
		}
		buyers++
		g := &sums[k]
		g.Customers++
		g.Value += s.Value
		g.CLV += s.CLV
		value += math.Max(s.Value, 0)
		clv += s.CLV
	}
	for k := range sums {
		sums[k].Share = stats.Ratio(float64(sums[k].Customers), float64(buyers))
		sums[k].ValueShare = stats.Ratio(sums[k].Value, value)
		sums[k].CLVShare = stats.Ratio(sums[k].CLV, clv)
	}
	return sums
}

func clamp01(x float64) float64 { return math.Min(math.Max(x, 0), 1) }

// historyPrediction is what the chosen purchase model predicts for one
// (x, t_x, T) history.
type historyPrediction struct {
	palive, horizon float64
	next            float64 // time units to the expected next purchase; +Inf or 0 when none
	discounted      float64 // Σ expected purchases in month k ÷ (1+r)^k, k = 1..CLVMonths
}

// predictHistories predicts, with pm, each distinct history of data once,
// on all cores, and returns the prediction of data[j].
func predictHistories(pm btyd.PurchaseModel, data []btyd.RFT, p ModelParams) func(j int) historyPrediction {
	// Customers share (x, t_x, T) triples; the expectations depend on
	// nothing else, so compute them once per triple, on all cores.
	// CLV = Σ over months k of (expected purchases in month k) × spend ×
	// margin ÷ (1+r)^k; spend and margin are the customer's own, so the
	// triple only needs the discounted sum of its monthly purchases.
	distinct, at := btyd.Distinct(data)
	// The purchases expected over the horizon, then by the end of each
	// month of the CLV.
	ts := []float64{p.PurchaseHorizon}
	for k := 1; k <= p.CLVMonths; k++ {
		ts = append(ts, float64(k)*daysPerMonth/p.TimeUnitDays)
	}
	curves := btyd.ConditionalCurves(pm, distinct, ts)
	preds := make([]historyPrediction, len(distinct))
	btyd.EachRange(len(distinct), func(from, to int) {
		for k := from; k < to; k++ {
			h, curve := distinct[k], curves[k]
			v := historyPrediction{palive: pm.PAlive(h.X, h.Tx, h.T), horizon: curve[0]}
			if v.palive >= p.PAliveAtRisk {
				v.next = btyd.ExpectedNextPurchase(pm, h.X, h.Tx, h.T, p.PurchaseHorizon)
			}
			prev := 0.0
			for k, cum := range curve[1:] {
				v.discounted += math.Max(cum-prev, 0) / math.Pow(1+p.MonthlyDiscount, float64(k+1))
				prev = math.Max(cum, prev)
			}
			preds[k] = v
		}
	})
	return func(j int) historyPrediction { return preds[at[j]] }
}
