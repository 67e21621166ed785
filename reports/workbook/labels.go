package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the workbook, in the two report languages. Sheet names must stay
// valid in Excel: at most 31 characters and none of []:*?/\.
var (
	sheetSummary   = reports.Label{En: "Summary", Zh: "概览"}
	SheetCustomers = reports.Label{En: "Customers", Zh: "客户明细"}
	sheetSegments  = reports.Label{En: "Segments", Zh: "客户分群"}
	sheetTiers     = reports.Label{En: "Value tiers", Zh: "价值分层"}
	sheetQuality   = reports.Label{En: "Data quality", Zh: "数据质量"}
	sheetAbout     = reports.Label{En: "About", Zh: "关于本报告"}
)

// Titles (row 1) and one-line explanations (row 2) of each sheet.
var (
	titleSummary   = reports.Label{En: "Customer segmentation", Zh: "客户分群报告"}
	explainSummary = reports.Label{
		En: "The headline numbers of this run, each explained. Click a sheet name under Contents to open it; every sheet explains itself in its second row.",
		Zh: "本次分析的核心指标及其含义。点击下方“目录”中的工作表名称即可打开；每张表的第二行都说明了它的内容和用法。"}

	titleCustomers   = reports.Label{En: "Customers", Zh: "客户明细"}
	explainCustomers = reports.Label{
		En: "One row per customer: contact details, scores, segment, value tier, churn status, lifecycle stage and predicted value. Use the filter buttons in the header row to pick customers for a campaign. R, F, M scores run from 1 to 5; 5 is best (bought most recently, most often, spent most). Model columns are blank when the purchase and spend models could not both be used.",
		Zh: "每位客户一行：联系方式、得分、客户分群、价值层级、流失状态、生命周期阶段和预测价值。用标题行的筛选按钮选出营销活动的目标客户。R、F、M 得分为 1–5 分，5 分最好（最近买过、买得最频繁、花得最多）。购买模型与消费模型未能同时使用时，模型列留空。"}

	// customersPart is a format: first, last and total customer number,
	// when the customers fill more than one sheet.
	customersPart = reports.Label{En: "Customers %d to %d of %d.", Zh: "第 %d 至 %d 位客户，共 %d 位。"}

	titleSegments   = reports.Label{En: "Customer segments", Zh: "客户分群"}
	explainSegments = reports.Label{
		En: "Buyers grouped by how recently (R) and how often and how much (FM) they buy, with a suggested action for each group. Customers who never bought are in no segment.",
		Zh: "按最近一次购买（R）以及购买频次和金额（FM）把购买客户分成若干群，并给出每个群的建议行动。从未购买的客户不属于任何分群。"}

	titleTiers   = reports.Label{En: "Value tiers", Zh: "价值分层"}
	explainTiers = reports.Label{
		En: "Buyers ranked from the most valuable down and cut into tiers by their share of total value. Below the table: how much value the top customers bring.",
		Zh: "把购买客户按价值从高到低排序，并按其占总价值的份额划分层级。表格下方：头部客户贡献了多少价值。"}

	titleQuality   = reports.Label{En: "Data quality", Zh: "数据质量"}
	explainQuality = reports.Label{
		En: "How many order rows the database returned, which problems were found in them and the rule applied to each. Nothing is dropped silently.",
		Zh: "数据库返回了多少订单行、其中发现了哪些问题，以及对每类问题采用的处理规则。没有任何数据被悄悄丢弃。"}

	titleAbout   = reports.Label{En: "About this report", Zh: "关于本报告"}
	explainAbout = reports.Label{
		En: "How this workbook was made: the run, its settings, any warnings and the exact SQL that was sent to the database.",
		Zh: "本工作簿的生成方式：运行信息、参数设置、警告，以及发送给数据库的完整 SQL。"}
)

// Summary sheet.
var (
	hdrMeasure = reports.Label{En: "Measure", Zh: "指标"}
	hdrValue   = reports.Label{En: "Value", Zh: "数值"}
	hdrMeaning = reports.Label{En: "What it means", Zh: "含义"}

	kpiCustomers = [2]reports.Label{reports.KpiNameCustomers,
		{En: "Everyone in the customer list, whether or not they bought.", Zh: "客户名单中的所有人，无论是否购买过。"}}
	// kpiPeriodMeaning explains this period's figures; wbKPIPeriodSpan
	// (first day, last day, days) and wbKPIPeriodVs (the period before)
	// follow.
	kpiPeriodMeaning = map[string]reports.Label{
		"period.revenue":    {En: "Purchases minus refunds made in this period.", Zh: "本期内的购买金额减去退款。"},
		"period.orders":     {En: "Purchases made in this period.", Zh: "本期内的购买次数。"},
		"period.buyers":     {En: "Customers who bought in this period.", Zh: "本期内购买过的客户。"},
		"period.new_buyers": {En: "Customers whose first purchase ever was in this period.", Zh: "首次购买发生在本期内的客户。"},
	}
	kpiPeriodSpan = reports.Label{En: "This period: %s to %s (%d days, since the previous run, or the last 7 days on a first run).", Zh: "本期：%s 至 %s（%d 天，自上次运行以来；首次运行为最近 7 天）。"}
	kpiPeriodVs   = reports.Label{En: "The change compares with %s to %s.", Zh: "变化与 %s 至 %s 对比。"}
	kpiBuyers     = [2]reports.Label{reports.KpiNameBuyers,
		{En: "Customers with at least one purchase.", Zh: "至少购买过一次的客户。"}}
	kpiOrders = [2]reports.Label{reports.KpiNameOrders,
		{En: "Purchases by all customers; refunds are not counted as orders.", Zh: "所有客户的购买次数；退款不计为订单。"}}
	kpiGross = [2]reports.Label{reports.KpiNameGross,
		{En: "All purchases added up, before refunds.", Zh: "所有购买金额之和，未扣除退款。"}}
	kpiRefunds = [2]reports.Label{reports.KpiNameRefunds,
		{En: "Money paid back to customers.", Zh: "退还给客户的金额。"}}
	kpiNet = [2]reports.Label{reports.KpiNameNet,
		{En: "Gross revenue minus refunds: what the shop kept.", Zh: "购买总额减去退款：店铺实际留下的收入。"}}
	kpiMargin = [2]reports.Label{reports.KpiNameMargin,
		{En: "Net revenue minus the cost of the goods sold.", Zh: "净收入减去所售商品的成本。"}}
	kpiaov = [2]reports.Label{reports.KpiNameAOV,
		{En: "Gross revenue divided by orders: what a typical order is worth.", Zh: "购买总额除以订单数：一笔订单平均值多少钱。"}}
	kpiRepeat = [2]reports.Label{reports.KpiNameRepeat,
		{En: "Share of buyers who ordered at least twice.", Zh: "至少购买过两次的客户占购买客户的比例。"}}
	kpiTop20 = [2]reports.Label{reports.KpiNameTop20,
		{En: "Share of all value brought by the best 20% of buyers.", Zh: "价值最高的 20% 购买客户贡献的价值占总价值的比例。"}}
	kpiGini = [2]reports.Label{reports.KpiNameGini,
		{En: "How unevenly value is spread: 0 = every buyer brings the same, 1 = one buyer brings everything.", Zh: "价值分布的不均程度：0 表示每位客户贡献相同，1 表示全部价值来自一位客户。"}}
	kpiActive = [2]reports.Label{reports.KpiNameActive,
		{En: "Buyers who bought recently, judged against their own purchase rhythm (rules on the Definitions sheet).", Zh: "按自身购买节奏判断近期仍在购买的客户（规则见“指标定义”表）。"}}
	kpiAtRisk = [2]reports.Label{reports.KpiNameLapsing,
		{En: "Buyers in the churn status Lapsing: quiet for longer than their own rhythm, slipping away; win them back now.", Zh: "流失状态为“流失预警”的购买客户：未购买的时间超过其自身节奏，正在流失；现在就去挽回。"}}
	// kpiChurned's meaning is a format with the share of buyers.
	kpiChurned = [2]reports.Label{reports.KpiNameChurned,
		{En: "Buyers in the churn status Churned (not bought for a long time): %s of all buyers ever. A share of buyers, not the churn rate.", Zh: "流失状态为“已流失”的购买客户（很长时间没有购买）：占全部购买客户的 %s。这是占购买客户的比例，不是流失率。"}}

	report      = reports.Label{En: "Report", Zh: "报告信息"}
	job         = reports.Label{En: "Job", Zh: "任务"}
	runID       = reports.Label{En: "Run id", Zh: "运行编号"}
	wbAsOf      = reports.Label{En: "As-of date", Zh: "分析截止日"}
	generatedAt = reports.Label{En: "Generated at", Zh: "生成时间"}
	version     = reports.Label{En: "custseg version", Zh: "custseg 版本"}
	locale      = reports.Label{En: "Language", Zh: "语言"}
	contents    = reports.Label{En: "Contents", Zh: "目录"}
	// titleAsOf is a format: the title, then the as-of date.
	titleAsOf = reports.Label{En: "%s, as of %s", Zh: "%s，截至 %s"}

	chartSegments = reports.Label{En: "Buyers per segment", Zh: "各分群的购买客户数"}
	chartTiers    = reports.Label{En: "Share of buyers and of value per tier", Zh: "各层级的客户占比与价值占比"}
)

// Customers sheet headers (attribute columns use the query's column names).
var (
	colID        = reports.Label{En: "Customer id", Zh: "客户编号"}
	colName      = reports.Label{En: "Name", Zh: "姓名"}
	colEmail     = reports.Label{En: "Email", Zh: "邮箱"}
	colPhone     = reports.Label{En: "Phone", Zh: "电话"}
	colReg       = reports.Label{En: "Registered", Zh: "注册日期"}
	colFirst     = reports.Label{En: "First order", Zh: "首次购买日期"}
	colLast      = reports.Label{En: "Last order", Zh: "最近购买日期"}
	colRecency   = reports.Label{En: "Days since last order", Zh: "距最近购买天数"}
	colFrequency = reports.Label{En: "Frequency", Zh: "购买频次"}
	colMonetary  = reports.Label{En: "Monetary (net)", Zh: "消费金额（净额）"}
	colR         = reports.Label{En: "R score", Zh: "R 得分"}
	colF         = reports.Label{En: "F score", Zh: "F 得分"}
	colM         = reports.Label{En: "M score", Zh: "M 得分"}
	colFM        = reports.Label{En: "FM score", Zh: "FM 得分"}
	colTier      = reports.Label{En: "Value tier", Zh: "价值层级"}
	colStatus    = reports.Label{En: "Churn status", Zh: "流失状态"}
	colOrders    = reports.Label{En: "Orders", Zh: "订单数"}
	colGross     = reports.Label{En: "Gross", Zh: "购买总额"}
	colRefunds   = reports.Label{En: "Refunds", Zh: "退款金额"}
)

// Segments sheet headers.
var (
	segName      = reports.Label{En: "Segment", Zh: "客户分群"}
	segCustomers = reports.Label{En: "Customers", Zh: "客户数"}
	segShare     = reports.Label{En: "Share of buyers", Zh: "占购买客户比例"}
	segValue     = reports.Label{En: "Value", Zh: "价值"}
	segValShare  = reports.Label{En: "Share of value", Zh: "占总价值比例"}
	segRecency   = reports.Label{En: "Avg days since last order", Zh: "平均距最近购买天数"}
	segFrequency = reports.Label{En: "Avg frequency", Zh: "平均购买频次"}
	segMonetary  = reports.Label{En: "Avg monetary", Zh: "平均消费金额"}
	segAOV       = reports.Label{En: "Avg order value", Zh: "平均订单金额"}
	segRule      = reports.Label{En: "Score rule", Zh: "评分规则"}
	segAction    = reports.Label{En: "Suggested action", Zh: "建议行动"}
)

// Value tiers sheet.
var (
	tierName      = reports.Label{En: "Value tier", Zh: "价值层级"}
	tierCustomers = reports.Label{En: "Customers", Zh: "客户数"}
	tierShare     = reports.Label{En: "Share of buyers", Zh: "占购买客户比例"}
	tierValue     = reports.Label{En: "Value", Zh: "价值"}
	tierValShare  = reports.Label{En: "Share of value", Zh: "占总价值比例"}
	tierMin       = reports.Label{En: "Lowest value", Zh: "最低价值"}
	tierMax       = reports.Label{En: "Highest value", Zh: "最高价值"}

	concentration = reports.Label{En: "Concentration", Zh: "价值集中度"}
	top20         = reports.Label{En: "Top-20% value share", Zh: "前 20% 客户价值占比"}
	// top20Explain is a format with the share in percent.
	top20Explain = reports.Label{En: "20%% of buyers bring %.1f%% of the value.", Zh: "20%% 的购买客户带来了 %.1f%% 的价值。"}
	gini         = reports.Label{En: "Gini coefficient", Zh: "基尼系数"}
	giniExplain  = reports.Label{
		En: "0 means every buyer brings the same value, 1 means one buyer brings all of it; the higher, the more the shop depends on a few customers.",
		Zh: "0 表示每位客户贡献的价值相同，1 表示全部价值来自一位客户；数值越高，店铺越依赖少数客户。"}
	measure        = reports.Label{En: "Value measure", Zh: "价值口径"}
	measureRevenue = reports.Label{En: "Net revenue (purchases minus refunds)", Zh: "净收入（购买金额减退款）"}
	measureMargin  = reports.Label{En: "Margin (net revenue minus cost)", Zh: "毛利（净收入减成本）"}
	// colValueRevenue and wbColValueMargin head the value column.
	colValueRevenue = reports.Label{En: "Value (net revenue)", Zh: "客户价值（净收入）"}
	colValueMargin  = reports.Label{En: "Value (margin)", Zh: "客户价值（毛利）"}
)

// Data quality sheet.
var (
	qWhat       = reports.Label{En: "What", Zh: "检查项"}
	qRows       = reports.Label{En: "Rows", Zh: "行数"}
	qRule       = reports.Label{En: "Rule applied", Zh: "处理规则"}
	qSource     = reports.Label{En: "Order rows returned by orders.sql", Zh: "orders.sql 返回的订单行"}
	qSourceRule = reports.Label{En: "All rows, before any of the rules below.", Zh: "全部行，尚未应用下列任何规则。"}
)

// About sheet.
var (
	aSection = reports.Label{En: "Section", Zh: "类别"}
	aItem    = reports.Label{En: "Item", Zh: "项目"}
	aValue   = reports.Label{En: "Value", Zh: "内容"}
	aRun     = reports.Label{En: "Run", Zh: "运行"}
	aParam   = reports.Label{En: "Parameter", Zh: "参数"}
	aWarning = reports.Label{En: "Warning", Zh: "警告"}
	asql     = reports.Label{En: "SQL", Zh: "SQL"}
	aNone    = reports.Label{En: "none", Zh: "无"}
)
