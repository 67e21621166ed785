package reports

// Texts of the workbook, in the two report languages. Sheet names must stay
// valid in Excel: at most 31 characters and none of []:*?/\.
var (
	wbSheetSummary   = Label{"Summary", "概览"}
	wbSheetCustomers = Label{"Customers", "客户明细"}
	wbSheetSegments  = Label{"Segments", "客户分群"}
	wbSheetTiers     = Label{"Value tiers", "价值分层"}
	wbSheetQuality   = Label{"Data quality", "数据质量"}
	wbSheetAbout     = Label{"About", "关于本报告"}
)

// Titles (row 1) and one-line explanations (row 2) of each sheet.
var (
	wbTitleSummary   = Label{"Customer segmentation", "客户分群报告"}
	wbExplainSummary = Label{
		"The headline numbers of this run, each explained. Click a sheet name under Contents to open it; every sheet explains itself in its second row.",
		"本次分析的核心指标及其含义。点击下方“目录”中的工作表名称即可打开；每张表的第二行都说明了它的内容和用法。"}

	wbTitleCustomers   = Label{"Customers", "客户明细"}
	wbExplainCustomers = Label{
		"One row per customer: contact details, scores, segment, value tier, churn status, lifecycle stage and predicted value. Use the filter buttons in the header row to pick customers for a campaign. R, F, M scores run from 1 to 5; 5 is best (bought most recently, most often, spent most). Model columns are blank when the purchase and spend models could not both be used.",
		"每位客户一行：联系方式、得分、客户分群、价值层级、流失状态、生命周期阶段和预测价值。用标题行的筛选按钮选出营销活动的目标客户。R、F、M 得分为 1–5 分，5 分最好（最近买过、买得最频繁、花得最多）。购买模型与消费模型未能同时使用时，模型列留空。"}

	// wbCustomersPart is a format: first, last and total customer number,
	// when the customers fill more than one sheet.
	wbCustomersPart = Label{"Customers %d to %d of %d.", "第 %d 至 %d 位客户，共 %d 位。"}

	wbTitleSegments   = Label{"Customer segments", "客户分群"}
	wbExplainSegments = Label{
		"Buyers grouped by how recently (R) and how often and how much (FM) they buy, with a suggested action for each group. Customers who never bought are in no segment.",
		"按最近一次购买（R）以及购买频次和金额（FM）把购买客户分成若干群，并给出每个群的建议行动。从未购买的客户不属于任何分群。"}

	wbTitleTiers   = Label{"Value tiers", "价值分层"}
	wbExplainTiers = Label{
		"Buyers ranked from the most valuable down and cut into tiers by their share of total value. Below the table: how much value the top customers bring.",
		"把购买客户按价值从高到低排序，并按其占总价值的份额划分层级。表格下方：头部客户贡献了多少价值。"}

	wbTitleQuality   = Label{"Data quality", "数据质量"}
	wbExplainQuality = Label{
		"How many order rows the database returned, which problems were found in them and the rule applied to each. Nothing is dropped silently.",
		"数据库返回了多少订单行、其中发现了哪些问题，以及对每类问题采用的处理规则。没有任何数据被悄悄丢弃。"}

	wbTitleAbout   = Label{"About this report", "关于本报告"}
	wbExplainAbout = Label{
		"How this workbook was made: the run, its settings, any warnings and the exact SQL that was sent to the database.",
		"本工作簿的生成方式：运行信息、参数设置、警告，以及发送给数据库的完整 SQL。"}
)

// Summary sheet.
var (
	wbHdrMeasure = Label{"Measure", "指标"}
	wbHdrValue   = Label{"Value", "数值"}
	wbHdrMeaning = Label{"What it means", "含义"}

	wbKPICustomers = [2]Label{kpiNameCustomers,
		{"Everyone in the customer list, whether or not they bought.", "客户名单中的所有人，无论是否购买过。"}}
	// wbKPIPeriodMeaning explains this period's figures; wbKPIPeriodSpan
	// (first day, last day, days) and wbKPIPeriodVs (the period before)
	// follow.
	wbKPIPeriodMeaning = map[string]Label{
		"period.revenue":    {"Purchases minus refunds made in this period.", "本期内的购买金额减去退款。"},
		"period.orders":     {"Purchases made in this period.", "本期内的购买次数。"},
		"period.buyers":     {"Customers who bought in this period.", "本期内购买过的客户。"},
		"period.new_buyers": {"Customers whose first purchase ever was in this period.", "首次购买发生在本期内的客户。"},
	}
	wbKPIPeriodSpan = Label{"This period: %s to %s (%d days, since the previous run, or the last 7 days on a first run).", "本期：%s 至 %s（%d 天，自上次运行以来；首次运行为最近 7 天）。"}
	wbKPIPeriodVs   = Label{"The change compares with %s to %s.", "变化与 %s 至 %s 对比。"}
	wbKPIBuyers     = [2]Label{kpiNameBuyers,
		{"Customers with at least one purchase.", "至少购买过一次的客户。"}}
	wbKPIOrders = [2]Label{kpiNameOrders,
		{"Purchases by all customers; refunds are not counted as orders.", "所有客户的购买次数；退款不计为订单。"}}
	wbKPIGross = [2]Label{kpiNameGross,
		{"All purchases added up, before refunds.", "所有购买金额之和，未扣除退款。"}}
	wbKPIRefunds = [2]Label{kpiNameRefunds,
		{"Money paid back to customers.", "退还给客户的金额。"}}
	wbKPINet = [2]Label{kpiNameNet,
		{"Gross revenue minus refunds: what the shop kept.", "购买总额减去退款：店铺实际留下的收入。"}}
	wbKPIMargin = [2]Label{kpiNameMargin,
		{"Net revenue minus the cost of the goods sold.", "净收入减去所售商品的成本。"}}
	wbKPIAOV = [2]Label{kpiNameAOV,
		{"Gross revenue divided by orders: what a typical order is worth.", "购买总额除以订单数：一笔订单平均值多少钱。"}}
	wbKPIRepeat = [2]Label{kpiNameRepeat,
		{"Share of buyers who ordered at least twice.", "至少购买过两次的客户占购买客户的比例。"}}
	wbKPITop20 = [2]Label{kpiNameTop20,
		{"Share of all value brought by the best 20% of buyers.", "价值最高的 20% 购买客户贡献的价值占总价值的比例。"}}
	wbKPIGini = [2]Label{kpiNameGini,
		{"How unevenly value is spread: 0 = every buyer brings the same, 1 = one buyer brings everything.", "价值分布的不均程度：0 表示每位客户贡献相同，1 表示全部价值来自一位客户。"}}
	wbKPIActive = [2]Label{kpiNameActive,
		{"Buyers who bought recently, judged against their own purchase rhythm (rules on the Definitions sheet).", "按自身购买节奏判断近期仍在购买的客户（规则见“指标定义”表）。"}}
	wbKPIAtRisk = [2]Label{kpiNameLapsing,
		{"Buyers in the churn status Lapsing: quiet for longer than their own rhythm, slipping away; win them back now.", "流失状态为“流失预警”的购买客户：未购买的时间超过其自身节奏，正在流失；现在就去挽回。"}}
	// wbKPIChurned's meaning is a format with the share of buyers.
	wbKPIChurned = [2]Label{kpiNameChurned,
		{"Buyers in the churn status Churned (not bought for a long time): %s of all buyers ever. A share of buyers, not the churn rate.", "流失状态为“已流失”的购买客户（很长时间没有购买）：占全部购买客户的 %s。这是占购买客户的比例，不是流失率。"}}

	wbReport      = Label{"Report", "报告信息"}
	wbJob         = Label{"Job", "任务"}
	wbRunID       = Label{"Run id", "运行编号"}
	wbAsOf        = Label{"As-of date", "分析截止日"}
	wbGeneratedAt = Label{"Generated at", "生成时间"}
	wbVersion     = Label{"custseg version", "custseg 版本"}
	wbLocale      = Label{"Language", "语言"}
	wbContents    = Label{"Contents", "目录"}
	// wbTitleAsOf is a format: the title, then the as-of date.
	wbTitleAsOf = Label{"%s, as of %s", "%s，截至 %s"}

	wbChartSegments = Label{"Buyers per segment", "各分群的购买客户数"}
	wbChartTiers    = Label{"Share of buyers and of value per tier", "各层级的客户占比与价值占比"}
)

// Customers sheet headers (attribute columns use the query's column names).
var (
	wbColID        = Label{"Customer id", "客户编号"}
	wbColName      = Label{"Name", "姓名"}
	wbColEmail     = Label{"Email", "邮箱"}
	wbColPhone     = Label{"Phone", "电话"}
	wbColReg       = Label{"Registered", "注册日期"}
	wbColFirst     = Label{"First order", "首次购买日期"}
	wbColLast      = Label{"Last order", "最近购买日期"}
	wbColRecency   = Label{"Days since last order", "距最近购买天数"}
	wbColFrequency = Label{"Frequency", "购买频次"}
	wbColMonetary  = Label{"Monetary (net)", "消费金额（净额）"}
	wbColR         = Label{"R score", "R 得分"}
	wbColF         = Label{"F score", "F 得分"}
	wbColM         = Label{"M score", "M 得分"}
	wbColFM        = Label{"FM score", "FM 得分"}
	wbColSegment   = Label{"Segment", "客户分群"}
	wbColTier      = Label{"Value tier", "价值层级"}
	wbColStatus    = Label{"Churn status", "流失状态"}
	wbColOrders    = Label{"Orders", "订单数"}
	wbColGross     = Label{"Gross", "购买总额"}
	wbColRefunds   = Label{"Refunds", "退款金额"}
)

// Segments sheet headers.
var (
	wbSegName      = Label{"Segment", "客户分群"}
	wbSegCustomers = Label{"Customers", "客户数"}
	wbSegShare     = Label{"Share of buyers", "占购买客户比例"}
	wbSegValue     = Label{"Value", "价值"}
	wbSegValShare  = Label{"Share of value", "占总价值比例"}
	wbSegRecency   = Label{"Avg days since last order", "平均距最近购买天数"}
	wbSegFrequency = Label{"Avg frequency", "平均购买频次"}
	wbSegMonetary  = Label{"Avg monetary", "平均消费金额"}
	wbSegAOV       = Label{"Avg order value", "平均订单金额"}
	wbSegRule      = Label{"Score rule", "评分规则"}
	wbSegAction    = Label{"Suggested action", "建议行动"}
)

// Value tiers sheet.
var (
	wbTierName      = Label{"Value tier", "价值层级"}
	wbTierCustomers = Label{"Customers", "客户数"}
	wbTierShare     = Label{"Share of buyers", "占购买客户比例"}
	wbTierValue     = Label{"Value", "价值"}
	wbTierValShare  = Label{"Share of value", "占总价值比例"}
	wbTierMin       = Label{"Lowest value", "最低价值"}
	wbTierMax       = Label{"Highest value", "最高价值"}

	wbConcentration = Label{"Concentration", "价值集中度"}
	wbTop20         = Label{"Top-20% value share", "前 20% 客户价值占比"}
	// wbTop20Explain is a format with the share in percent.
	wbTop20Explain = Label{"20%% of buyers bring %.1f%% of the value.", "20%% 的购买客户带来了 %.1f%% 的价值。"}
	wbGini         = Label{"Gini coefficient", "基尼系数"}
	wbGiniExplain  = Label{
		"0 means every buyer brings the same value, 1 means one buyer brings all of it; the higher, the more the shop depends on a few customers.",
		"0 表示每位客户贡献的价值相同，1 表示全部价值来自一位客户；数值越高，店铺越依赖少数客户。"}
	wbMeasure        = Label{"Value measure", "价值口径"}
	wbMeasureRevenue = Label{"Net revenue (purchases minus refunds)", "净收入（购买金额减退款）"}
	wbMeasureMargin  = Label{"Margin (net revenue minus cost)", "毛利（净收入减成本）"}
	// wbColValueRevenue and wbColValueMargin head the value column.
	wbColValueRevenue = Label{"Value (net revenue)", "客户价值（净收入）"}
	wbColValueMargin  = Label{"Value (margin)", "客户价值（毛利）"}
)

// Data quality sheet.
var (
	wbQWhat       = Label{"What", "检查项"}
	wbQRows       = Label{"Rows", "行数"}
	wbQRule       = Label{"Rule applied", "处理规则"}
	wbQSource     = Label{"Order rows returned by orders.sql", "orders.sql 返回的订单行"}
	wbQSourceRule = Label{"All rows, before any of the rules below.", "全部行，尚未应用下列任何规则。"}
)

// About sheet.
var (
	wbASection = Label{"Section", "类别"}
	wbAItem    = Label{"Item", "项目"}
	wbAValue   = Label{"Value", "内容"}
	wbARun     = Label{"Run", "运行"}
	wbAParam   = Label{"Parameter", "参数"}
	wbAWarning = Label{"Warning", "警告"}
	wbASQL     = Label{"SQL", "SQL"}
	wbANone    = Label{"none", "无"}
)
