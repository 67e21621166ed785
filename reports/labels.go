package reports

import "github.com/custseg/custseg/analysis"

// Label is a text in the two report languages.
type Label struct {
	En string
	Zh string
}

// In returns the label in locale ("zh-CN" for Chinese, anything else English).
func (l Label) In(locale string) string {
	if locale == "zh-CN" && l.Zh != "" {
		return l.Zh
	}
	return l.En
}

// TierLabels name the value tiers as marketing knows them.
var TierLabels = map[analysis.Tier]Label{
	analysis.TierKey:       {"Key", "大客户"},
	analysis.TierImportant: {"Important", "重要客户"},
	analysis.TierOrdinary:  {"Ordinary", "普通客户"},
	analysis.TierSmall:     {"Small", "小客户"},
	analysis.TierNoValue:   {"No net value", "无净贡献"},
	analysis.TierNone:      {"—", "—"},
}

// StatusLabels name the churn statuses. They differ from every segment
// name (the RFM segments "At Risk" and "Lost" are other groups), so a
// filter on one word gives one list (see Vocabulary).
var StatusLabels = map[analysis.Status]Label{
	analysis.StatusPotential: {"Prospect (never bought)", "潜在（未购买）"},
	analysis.StatusActive:    {"Active", "活跃"},
	analysis.StatusAtRisk:    {"Lapsing", "流失预警"},
	analysis.StatusChurned:   {"Churned", "已流失"},
}

// QualityLabels describe each data-quality check and the rule applied.
var QualityLabels = map[string]struct{ What, Rule Label }{
	analysis.CheckNullCustomerID: {
		Label{"Order rows without a customer id", "缺少客户编号的订单行"},
		Label{"Left out of the analysis.", "不参与分析。"}},
	analysis.CheckNullDateOrAmount: {
		Label{"Order rows without a date or amount", "缺少日期或金额的订单行"},
		Label{"Left out of the analysis.", "不参与分析。"}},
	analysis.CheckFutureDate: {
		Label{"Order rows dated after the as-of date", "日期晚于分析截止日的订单行"},
		Label{"Left out: they have not happened yet at the as-of date.", "不参与分析：截至分析日尚未发生。"}},
	analysis.CheckZeroAmount: {
		Label{"Order rows with a zero amount", "金额为零的订单行"},
		Label{"Kept, but not counted as purchases.", "保留，但不计为购买。"}},
	analysis.CheckZeroAmountPurchase: {
		Label{"Order rows with a zero amount", "金额为零的订单行"},
		Label{"Counted as purchases worth nothing (the customer did place an order).", "计为金额为零的购买（客户确实下了单）。"}},
	analysis.CheckRefund: {
		Label{"Order rows with a negative amount (refunds)", "金额为负的订单行（退款）"},
		Label{"Netted against the customer's value; not counted as purchases.", "从该客户的价值中扣减；不计为购买。"}},
	analysis.CheckDuplicateOrderID: {
		Label{"Order rows repeating an order id of the same customer", "同一客户重复的订单编号行"},
		Label{"Treated as lines of one order: amounts added, counted once.", "视为同一订单的明细行：金额相加，只计一单。"}},
	analysis.CheckExactRepeatLines: {
		Label{"Purchase rows repeating another row exactly (order id, customer, time, amount, category)", "与另一行完全相同的购买行（订单编号、客户、时间、金额、品类）"},
		Label{"Kept as lines of one order, each adding its amount. Many of them mean a join in orders.sql multiplies the orders (and revenue): the run warns above analysis.fanout_max_share.",
			"作为同一订单的明细行保留，金额逐行相加。数量多说明 orders.sql 中的关联（JOIN）使订单（及收入）成倍重复：超过 analysis.fanout_max_share 时运行会发出警告。"}},
	analysis.CheckUnknownCustomer: {
		Label{"Order rows of customers not in customers.sql", "客户表中不存在的客户的订单行"},
		Label{"Left out of the analysis.", "不参与分析。"}},
	analysis.CheckCustomersNullID: {
		Label{"Customer rows without a customer id", "缺少客户编号的客户行"},
		Label{"Left out of the analysis.", "不参与分析。"}},
	analysis.CheckBuyersNonPositive: {
		Label{"Buyers whose net value is not positive (refunds ≥ purchases)", "净价值不为正的购买客户（退款≥购买）"},
		Label{"Scored as usual; they are in the value tier “No net value”.", "照常评分；归入价值层级“无净贡献”。"}},
}

// SegmentName returns a segment's name in locale.
func SegmentName(r analysis.SegmentRule, locale string) string {
	return Label{r.Name, r.NameZh}.In(locale)
}

// SegmentAction returns a segment's suggested action in locale.
func SegmentAction(r analysis.SegmentRule, locale string) string {
	return Label{r.Action, r.ActionZh}.In(locale)
}

// PyramidLabels name the customer-pyramid tiers.
var PyramidLabels = map[analysis.PyramidTier]Label{
	analysis.PyramidPlatinum: {"Platinum", "铂金客户"},
	analysis.PyramidGold:     {"Gold", "黄金客户"},
	analysis.PyramidIron:     {"Iron", "钢铁客户"},
	analysis.PyramidLead:     {"Lead", "重铅客户"},
	analysis.PyramidNone:     {"—", "—"},
}

// StageLabels name the customer-lifecycle stages.
var StageLabels = map[analysis.Stage]Label{
	analysis.StageExploration: {"Exploration", "考察期"},
	analysis.StageFormation:   {"Formation", "形成期"},
	analysis.StageStability:   {"Stability", "稳定期"},
	analysis.StageDecline:     {"Decline", "退化期"},
	analysis.StageLost:        {"Ended", "关系终止期"}, // key "lost": churned
	analysis.StageNone:        {"—", "—"},
}

// BehaviourLabels name the buying behaviours.
var BehaviourLabels = map[analysis.Behaviour]Label{
	analysis.BehaviourDealSeeker:    {"Deal seeker", "优惠敏感型"},
	analysis.BehaviourRelationship:  {"Relationship", "关系型客户"},
	analysis.BehaviourTransactional: {"Transactional", "交易型客户"},
	analysis.BehaviourNone:          {"—", "—"},
}

// StageStrategies give the strategy each lifecycle stage calls for.
var StageStrategies = map[analysis.Stage]Label{
	analysis.StageExploration: {
		"Build trust: a smooth first experience and an incentive for the first repeat purchase.",
		"建立信任：确保良好的首次体验，并用激励促成第一次复购。"},
	analysis.StageFormation: {
		"Cross-sell related categories and deepen the relationship.",
		"交叉销售相关品类，加深客户关系。"},
	analysis.StageStability: {
		"Reward loyalty: loyalty rewards, premium service and referral programmes.",
		"奖励忠诚：会员权益、优质服务和推荐计划。"},
	analysis.StageDecline: {
		"Find the cause of the decline and make a win-back offer.",
		"查明购买减少的原因，并提供挽回优惠。"},
	analysis.StageLost: {
		"Try a low-cost reactivation, or let them go.",
		"尝试低成本的唤回，或者放弃。"},
}
