package analysis

import "fmt"

// Params are the analysis settings of one run. DefaultParams gives the
// shipped defaults; config fills them from the operator's YAML.
type Params struct {
	RFM   RFMParams
	Tiers TierParams
	Churn ChurnParams
	// ValueMeasure is "revenue" (net revenue) or "margin" (net revenue minus
	// cost); "auto" picks margin when the dataset has cost.
	ValueMeasure string
}

// RFMParams configure RFM scoring and the named segments.
type RFMParams struct {
	Bins int // score bins, 5 gives the usual 1–5 quintile scores
	// Frequency is "orders" (distinct orders) or "days" (distinct order days).
	Frequency string
	Segments  []SegmentRule // first match wins; must cover every R × FM cell
}

// SegmentRule names the customers whose recency score lies in [RMin, RMax]
// and whose FM score (the mean of the F and M scores, rounded half up) lies
// in [FMMin, FMMax].
type SegmentRule struct {
	Key      string // stable identifier, e.g. "champions"
	Name     string // English name, e.g. "Champions"
	NameZh   string // Simplified Chinese name
	RMin     int
	RMax     int
	FMMin    int
	FMMax    int
	Action   string // suggested action, English
	ActionZh string // suggested action, Simplified Chinese
}

// TierParams are the value-interval cut-offs as shares of total value, from
// the most valuable customers down. They must sum to 1.
type TierParams struct {
	Key       float64 // default 0.50
	Important float64 // default 0.30
	Ordinary  float64 // default 0.15
	Small     float64 // default 0.05
}

// ChurnParams are the inactivity thresholds of the churn status, in days
// since the last purchase.
type ChurnParams struct {
	AtRiskDays  int // more than this: at risk (default 90)
	ChurnedDays int // more than this: churned (default 180)
}

// DefaultSegments are the eleven usual RFM segments on a 5-bin R × FM grid.
func DefaultSegments() []SegmentRule {
	return []SegmentRule{
		{"champions", "Champions", "重要价值客户（冠军）", 5, 5, 4, 5,
			"Reward them: early access, loyalty perks, ask for reviews and referrals; no discounts needed.",
			"奖励他们：新品抢先体验、会员礼遇，邀请评价与推荐；无需折扣。"},
		{"loyal", "Loyal", "忠诚客户", 3, 4, 4, 5,
			"Upsell higher-value products, invite to the loyalty programme, ask for reviews.",
			"推荐更高价值的商品，邀请加入会员计划，请他们评价。"},
		{"potential_loyalist", "Potential Loyalist", "潜在忠诚客户", 4, 5, 2, 3,
			"Offer membership or a loyalty programme; recommend related products.",
			"提供会员或积分计划，推荐相关商品。"},
		{"new", "New", "新客户", 5, 5, 1, 1,
			"Onboard them: welcome series, first-repeat incentive, good service early.",
			"做好新客引导：欢迎邮件、复购激励、早期优质服务。"},
		{"promising", "Promising", "有潜力客户", 4, 4, 1, 1,
			"Build awareness of the range; a free trial or a small incentive for a second order.",
			"提升品牌认知；提供试用或小额激励促成第二单。"},
		{"need_attention", "Need Attention", "需要关注客户", 3, 3, 3, 3,
			"Limited-time offers based on past purchases; reactivate before they slip.",
			"基于历史购买推送限时优惠，在流失前重新激活。"},
		{"about_to_sleep", "About to Sleep", "即将沉睡客户", 3, 3, 1, 2,
			"Share popular products and timely discounts; reconnect.",
			"推荐热门商品和适时折扣，重新建立联系。"},
		{"cant_lose", "Can't Lose Them", "不能失去的客户", 1, 2, 5, 5,
			"Win them back personally: call or write, new versions of what they bought, do not lose them to a competitor.",
			"一对一挽回：电话或专属沟通，推荐其常购商品的新款，避免被竞争对手抢走。"},
		{"at_risk", "At Risk", "有流失风险客户", 1, 2, 3, 4,
			"Personalised win-back emails, helpful resources, renewal offers.",
			"发送个性化挽回邮件与实用内容，提供续购优惠。"},
		{"hibernating", "Hibernating", "休眠客户", 2, 2, 1, 2,
			"Offer other relevant products and special discounts; recreate brand value.",
			"推荐其他相关商品和专属折扣，重建品牌价值。"},
		{"lost", "Lost", "已流失客户", 1, 1, 1, 2,
			"Revive interest with an outreach campaign; otherwise do not spend much on them.",
			"用唤醒活动尝试挽回，否则不再投入过多资源。"},
	}
}

// DefaultParams returns the shipped analysis defaults.
func DefaultParams() Params {
	return Params{
		RFM:          RFMParams{Bins: 5, Frequency: "orders", Segments: DefaultSegments()},
		Tiers:        TierParams{Key: 0.50, Important: 0.30, Ordinary: 0.15, Small: 0.05},
		Churn:        ChurnParams{AtRiskDays: 90, ChurnedDays: 180},
		ValueMeasure: "auto",
	}
}

// Validate reports the first inconsistency in p, naming the field.
func (p Params) Validate() error {
	if p.RFM.Bins < 2 || p.RFM.Bins > 10 {
		return fmt.Errorf("rfm.bins: %d is not between 2 and 10", p.RFM.Bins)
	}
	if p.RFM.Frequency != "orders" && p.RFM.Frequency != "days" {
		return fmt.Errorf("rfm.frequency: %q is not orders or days", p.RFM.Frequency)
	}
	if len(p.RFM.Segments) == 0 {
		return fmt.Errorf("rfm.segments: no segments")
	}
	seen := map[string]bool{}
	for i, s := range p.RFM.Segments {
		if s.Key == "" || s.Name == "" {
			return fmt.Errorf("rfm.segments[%d]: key and name are required", i)
		}
		if seen[s.Key] {
			return fmt.Errorf("rfm.segments[%d]: key %q is used twice", i, s.Key)
		}
		seen[s.Key] = true
		if s.RMin < 1 || s.RMax > p.RFM.Bins || s.RMin > s.RMax {
			return fmt.Errorf("rfm.segments[%d] (%s): r range [%d, %d] is not within 1..%d", i, s.Key, s.RMin, s.RMax, p.RFM.Bins)
		}
		if s.FMMin < 1 || s.FMMax > p.RFM.Bins || s.FMMin > s.FMMax {
			return fmt.Errorf("rfm.segments[%d] (%s): fm range [%d, %d] is not within 1..%d", i, s.Key, s.FMMin, s.FMMax, p.RFM.Bins)
		}
	}
	for r := 1; r <= p.RFM.Bins; r++ {
		for fm := 1; fm <= p.RFM.Bins; fm++ {
			if segmentFor(p.RFM.Segments, r, fm) < 0 {
				return fmt.Errorf("rfm.segments: no segment covers R=%d, FM=%d; every cell of the R × FM grid needs one", r, fm)
			}
		}
	}
	t := p.Tiers
	for _, v := range []struct {
		name string
		v    float64
	}{{"key", t.Key}, {"important", t.Important}, {"ordinary", t.Ordinary}, {"small", t.Small}} {
		if v.v <= 0 || v.v >= 1 {
			return fmt.Errorf("tiers.%s: %g is not a share between 0 and 1", v.name, v.v)
		}
	}
	if sum := t.Key + t.Important + t.Ordinary + t.Small; sum < 0.999 || sum > 1.001 {
		return fmt.Errorf("tiers: shares sum to %.4g, not 1", sum)
	}
	if p.Churn.AtRiskDays < 1 || p.Churn.ChurnedDays <= p.Churn.AtRiskDays {
		return fmt.Errorf("churn: at_risk_days (%d) must be at least 1 and below churned_days (%d)", p.Churn.AtRiskDays, p.Churn.ChurnedDays)
	}
	switch p.ValueMeasure {
	case "auto", "revenue", "margin":
	default:
		return fmt.Errorf("value: %q is not auto, revenue or margin", p.ValueMeasure)
	}
	return nil
}

// segmentFor returns the index of the first rule covering (r, fm), or -1.
func segmentFor(rules []SegmentRule, r, fm int) int {
	for i, s := range rules {
		if r >= s.RMin && r <= s.RMax && fm >= s.FMMin && fm <= s.FMMax {
			return i
		}
	}
	return -1
}
