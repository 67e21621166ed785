package workbook

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the sheets that follow the basic ones (pyramid, churn and
// lifecycle, high-value at risk, clusters, characteristics, common needs,
// migration, cohorts, model, definitions), in the two report languages.
// Sheet names must stay valid in Excel: at most 31 characters and none of
// []:*?/\.
var (
	sheetPyramid     = reports.Label{En: "Pyramid", Zh: "客户金字塔"}
	sheetChurn       = reports.Label{En: "Churn and lifecycle", Zh: "流失与生命周期"}
	SheetSaveNow     = reports.ListNameSaveNow
	sheetWinBack     = reports.ListNameWinBack
	sheetClusters    = reports.Label{En: "Clusters", Zh: "聚类分析"}
	sheetChars       = reports.Label{En: "Characteristics", Zh: "客户特征"}
	sheetNeeds       = reports.Label{En: "Common needs", Zh: "共同需求"}
	sheetMigration   = reports.Label{En: "Migration", Zh: "客户迁移"}
	sheetCohorts     = reports.Label{En: "Cohorts", Zh: "同期群"}
	sheetModel       = reports.Label{En: "Model", Zh: "预测模型"}
	sheetDefinitions = reports.Label{En: "Definitions", Zh: "指标定义"}
)

// Segment sheets.
var (
	// explainSegmentSheet is a format: customers, then the suggested action.
	explainSegmentSheet = reports.Label{
		En: "Customers in this segment: %d, the most valuable first (same columns as the Customers sheet). Suggested action: %s",
		Zh: "该分群的客户：%d 位，价值最高的排在最前（列与“客户明细”表相同）。建议行动：%s"}
	emptySegment = reports.Label{En: "No customer is in this segment in this run.", Zh: "本次运行中没有客户属于该分群。"}
)

// Customers sheet: the columns after the basic ones.
var (
	colRhythm       = reports.Label{En: "Days between purchases", Zh: "平均购买间隔（天）"}
	colStage        = reports.Label{En: "Lifecycle stage", Zh: "生命周期阶段"}
	colPAlive       = reports.Label{En: "P(alive)", Zh: "仍活跃概率"}
	colExpPurchases = reports.Label{En: "Expected purchases", Zh: "预期购买次数"}
	colExpSpend     = reports.Label{En: "Expected spend per purchase", Zh: "预期单次消费"}
	colCLV          = reports.Label{En: "CLV", Zh: "客户终身价值"}
	colKeep         = reports.Label{En: "Value to keep / year", Zh: "可挽留的年价值"}
	colPyramid      = reports.Label{En: "Pyramid tier", Zh: "金字塔层级"}
	colCluster      = reports.Label{En: "Cluster", Zh: "聚类"}
	colDiscount     = reports.Label{En: "Discount share", Zh: "折扣占比"}
	colBehaviour    = reports.Label{En: "Buying behaviour", Zh: "购买行为"}
	colRank         = reports.Label{En: "Rank", Zh: "排名"}
)

// Summary sheet additions.
var (
	hdrChange = reports.Label{En: "Change since last run", Zh: "较上次变化"}
	// hdrChangeSince is a format with the previous as-of date.
	hdrChangeSince = reports.Label{En: "Change since\n%s", Zh: "较上次变化\n（%s）"}
	// paren is a format: a text in brackets after a header.
	paren      = reports.Label{En: " (%s)", Zh: "（%s）"}
	wbFirstRun = reports.Label{En: "first run", Zh: "首次运行"}

	// kpiExpPurchases' meaning is a format with the horizon in words.
	kpiExpPurchases = [2]reports.Label{reports.KpiNameExpPurchases,
		{En: "Purchases the purchase model expects from today's buyers over the next %s.",
			Zh: "购买模型预计现有购买客户在未来 %s内的购买次数。"}}
	// kpiclv's meaning is a format with the horizon in months.
	kpiclv = [2]reports.Label{reports.KpiNameCLV,
		{En: "What today's buyers are predicted to bring over the next %d months, discounted (see the Model sheet).",
			Zh: "预计现有购买客户在未来 %d 个月内带来的价值（已折现，见“预测模型”表）。"}}
	kpiSaveNow = [2]reports.Label{reports.KpiNameSaveNow,
		{En: "Key and important customers still here but slipping away; the list is on the Save now sheet.",
			Zh: "仍是客户但正在流失的大客户和重要客户；名单见“立即挽留”表。"}}
	kpiWinBack = [2]reports.Label{reports.KpiNameWinBack,
		{En: "Key and important customers who have churned; the list is on the Win back sheet.",
			Zh: "已流失的大客户和重要客户；名单见“流失召回”表。"}}
	// kpiPeriodChurn is the churn rate; its meaning is a format with the
	// period in days.
	kpiPeriodChurn = [2]reports.Label{reports.KpiNameChurnRate,
		{En: "Of the buyers who were active %d days ago, the share who are churned now.",
			Zh: "%d 天前仍活跃的购买客户中，现在已流失的比例。"}}
	kpiPeriodChurnNone = [2]reports.Label{reports.KpiNameChurnRate,
		{En: "Not measured in this run: the purchases of the recent period were not extracted.",
			Zh: "本次运行未计算：没有提取近期的购买数据。"}}
	// modelNotUsable is a format with which model failed (htmlModelsFailure).
	modelNotUsable = reports.Label{
		En: "Not available in this run. %s See the Model sheet.",
		Zh: "本次运行不可用。%s 见“预测模型”表。"}

	chartPyramid = reports.Label{En: "Customer pyramid: share of buyers and of lifetime value",
		Zh: "客户金字塔：客户占比与终身价值占比"}
	chartPyramidValue = reports.Label{En: "Customer pyramid: share of buyers and of value",
		Zh: "客户金字塔：客户占比与价值占比"}

	// Horizons in words: formats with a number.
	weeks  = reports.Label{En: "%g weeks", Zh: "%g 周"}
	days   = reports.Label{En: "%g days", Zh: "%g 天"}
	months = reports.Label{En: "%d months", Zh: "%d 个月"}
)

// Segments sheet: the evaluation columns.
var (
	segShareAll  = reports.Label{En: "Share of all customers", Zh: "占全部客户比例"}
	segDistinct  = reports.Label{En: "Distinctness", Zh: "区分度"}
	segTooSmall  = reports.Label{En: "Too small to act on", Zh: "规模过小"}
	segStability = reports.Label{En: "Stability", Zh: "稳定性"}
	yes          = reports.Label{En: "yes", Zh: "是"}
	// segEvalNote is a format with the too-small share.
	segEvalNote = reports.Label{
		En: "Distinctness (−1 to 1, higher is better) shows how well the segment's buyers stand apart from the others; a segment is too small to act on under %s of all customers; stability is the share who were in the same segment last run.",
		Zh: "区分度（−1 到 1，越高越好）表示该分群客户与其他客户的区别程度；客户少于全部客户 %s 的分群规模过小；稳定性是上次运行时已在同一分群的客户比例。"}
)

// Pyramid sheet.
var (
	titlePyramid   = reports.Label{En: "Customer pyramid", Zh: "客户金字塔"}
	explainPyramid = reports.Label{
		En: "Buyers ranked by lifetime value and cut into four levels: platinum at the top, then gold, iron and lead. The few at the top deserve the most care.",
		Zh: "把购买客户按终身价值排序并分为四层：最上层为铂金客户，其次是黄金、钢铁和重铅客户。塔尖的少数客户最值得重点维护。"}
	pyrTier     = reports.Label{En: "Pyramid tier", Zh: "金字塔层级"}
	pyrWho      = reports.Label{En: "Who", Zh: "划分规则"}
	pyrCLVShare = reports.Label{En: "Share of CLV", Zh: "占终身价值比例"}
	pyrRankedBy = reports.Label{En: "Ranked by", Zh: "排序依据"}
	pyrByCLV    = reports.Label{En: "Predicted customer lifetime value (CLV)", Zh: "预测的客户终身价值（CLV）"}
	pyrByValue  = reports.Label{
		En: "Historical value: the purchase and spend models could not both be used in this run (see the Model sheet)",
		Zh: "历史价值：本次运行购买模型与消费模型未能同时使用（见“预测模型”表）"}
	// Formats with a share in percent.
	pyrTop  = reports.Label{En: "The top %s of buyers", Zh: "价值最高的 %s 购买客户"}
	pyrNext = reports.Label{En: "The next %s", Zh: "其后的 %s"}
	pyrRest = reports.Label{En: "The rest (%s)", Zh: "其余 %s"}
)

// Churn and lifecycle sheet.
var (
	titleChurn   = reports.Label{En: "Churn and lifecycle", Zh: "流失与生命周期"}
	explainChurn = reports.Label{
		En: "Who is still buying, who is slipping and who has gone, judged against each customer's own purchase rhythm; below, each buyer's lifecycle stage and the strategy it calls for.",
		Zh: "根据每位客户自己的购买节奏判断谁仍在购买、谁正在流失、谁已经流失；下方是每位购买客户所处的生命周期阶段及相应策略。"}
	chStatus     = reports.Label{En: "Churn status", Zh: "流失状态"}
	chShareAll   = reports.Label{En: "Share of customers", Zh: "占全部客户比例"}
	chRule       = reports.Label{En: "Rule", Zh: "判定规则"}
	chRhythm     = reports.Label{En: "Rhythm rule", Zh: "购买节奏规则"}
	chStage      = reports.Label{En: "Lifecycle stage", Zh: "生命周期阶段"}
	chStageMeans = reports.Label{En: "Who is in it", Zh: "阶段特征"}
	chStrategy   = reports.Label{En: "Strategy", Zh: "应对策略"}
	// chPeriodWhat is a format with the period in days.
	chPeriodWhat = reports.Label{
		En: "Of the buyers who were active %d days ago, the share who are churned now.",
		Zh: "%d 天前仍活跃的购买客户中，现在已流失的比例。"}
	chPeriodMissing = reports.Label{
		En: "Not measured: the purchases of the recent period were not extracted.",
		Zh: "未计算：没有提取近期的购买数据。"}
)

// The campaign lists: Save now and Win back.
var (
	titleSaveNow   = reports.Label{En: "Save now: high-value customers slipping away", Zh: "立即挽留：正在流失的高价值客户"}
	explainSaveNow = reports.Label{
		En: "Key and important customers who are still customers but slipping (Lapsing, buying less than before, or unlikely to still be active by the purchase model), the most value that can still be kept first: contact them now. The column “Why on this list” gives each one's reason.",
		Zh: "仍是客户但正在流失（流失预警、购买比以前少，或购买模型认为仍活跃的可能性低）的大客户和重要客户，可挽留价值最高的排在最前：现在就联系他们。“列入原因”列说明了每位客户被列入的原因。"}
	saveNowNone    = reports.Label{En: "No key or important customer is slipping away.", Zh: "目前没有正在流失的大客户或重要客户。"}
	titleWinBack   = reports.Label{En: "Win back: high-value customers who have churned", Zh: "流失召回：已流失的高价值客户"}
	explainWinBack = reports.Label{
		En: "Key and important customers who have churned (quiet for longer than their own rhythm allows), the most past value first: a win-back offer may bring them back. The column “Why on this list” says how long they have been quiet.",
		Zh: "已流失（沉寂时间超出其自身购买节奏允许范围）的大客户和重要客户，历史价值最高的排在最前：召回优惠或许能让他们回来。“列入原因”列说明了他们已沉寂多久。"}
	winBackNone = reports.Label{En: "No key or important customer has churned.", Zh: "没有已流失的大客户或重要客户。"}
	colReason   = reports.Label{En: "Why on this list", Zh: "列入原因"}
)

// Clusters sheet.
var (
	titleClusters   = reports.Label{En: "Customer clusters", Zh: "客户聚类"}
	explainClusters = reports.Label{
		En: "Buyers grouped by k-means on how recently, how often and how much they bought and how long they have been customers; each group is named after what sets it apart.",
		Zh: "用 k-means 按最近购买、购买频次、消费金额和成为客户的时长对购买客户分组；每组按其突出特征命名。"}
	clNumber   = reports.Label{En: "Cluster", Zh: "聚类"}
	clName     = reports.Label{En: "Name", Zh: "名称"}
	clTenure   = reports.Label{En: "Avg days as a customer", Zh: "平均成为客户天数"}
	clChoosing = reports.Label{En: "Number of clusters (k)", Zh: "聚类数（k）"}
	clSil      = reports.Label{En: "Silhouette", Zh: "轮廓系数"}
	clInertia  = reports.Label{En: "Within-cluster spread", Zh: "簇内离散度"}
	clChosen   = reports.Label{En: "Chosen", Zh: "选用"}
	clSilWhat  = reports.Label{
		En: "Silhouette: how much better each buyer fits its own cluster than the next one (−1 to 1, higher is better). The k with the highest silhouette was chosen.",
		Zh: "轮廓系数：每位客户与所属聚类的契合程度比与最近的其他聚类高多少（−1 到 1，越高越好）。选用轮廓系数最高的 k。"}
	// clError is a format with the reason.
	clError = reports.Label{En: "No clustering in this run: %s", Zh: "本次运行未进行聚类：%s"}
)

// Characteristics sheet.
var (
	titleChars   = reports.Label{En: "Customer characteristics", Zh: "客户特征"}
	explainChars = reports.Label{
		En: "Customers, buyers and value by each attribute of the customer list (such as province, gender, age band or channel), and how each value's buyers spread over the segments. Filter the first column to one attribute.",
		Zh: "按客户名单中的各项属性（如省份、性别、年龄段、渠道）统计客户数、购买客户数和价值，以及各属性值的购买客户在各分群中的分布。在第一列筛选某一属性即可。"}
	chAttribute = reports.Label{En: "Attribute", Zh: "属性"}
	chValue     = reports.Label{En: "Attribute value", Zh: "属性值"}
	chBuyers    = reports.Label{En: "Buyers", Zh: "购买客户数"}
	notGiven    = reports.Label{En: "(not given)", Zh: "（未填写）"}
	other       = reports.Label{En: "Other", Zh: "其他"}
	// otherN and wbOtherUnique are formats with the number of values
	// folded into Other.
	otherN      = reports.Label{En: "Other (%d values)", Zh: "其他（%d 个值）"}
	otherUnique = reports.Label{En: "All %d given values (mostly distinct: free text or identifiers)", Zh: "全部 %d 个已填写的值（大多互不相同：自由文本或编号）"}
	ageBand     = reports.Label{En: "age band", Zh: "年龄段"}
	// attrNames name the usual attribute columns of customers.sql in
	// Chinese; English shows the column names as the query has them.
	attrNames = map[string]string{
		"province": "省份", "city": "城市", "postcode": "邮编", "gender": "性别",
		"birth_date": "出生日期", "age": "年龄", "income": "收入", "occupation": "职业",
		"channel": "渠道", "source": "来源", "level": "会员等级",
	}
	ageUnknown = reports.Label{En: "(unknown)", Zh: "（未知）"}
	ageUnder25 = reports.Label{En: "under 25", Zh: "25 岁以下"}
	noChars    = reports.Label{En: "The customer list has no attribute columns to break down.", Zh: "客户名单中没有可供细分的属性列。"}
)

// Common needs sheet.
var (
	titleNeeds   = reports.Label{En: "Common needs", Zh: "共同需求"}
	explainNeeds = reports.Label{
		En: "What the buyers of each segment and value tier have in common: what they buy, through which channel, how much discount they use and how loyal they are, with the suggested action.",
		Zh: "各分群和价值层级的购买客户有哪些共同点：买什么、通过哪个渠道、使用多少折扣、忠诚度如何，以及建议行动。"}
	ndGrouping     = reports.Label{En: "Grouping", Zh: "分组方式"}
	ndGroup        = reports.Label{En: "Group", Zh: "组别"}
	ndTopCats      = reports.Label{En: "Top categories (share of value)", Zh: "主要品类（价值占比）"}
	ndChannels     = reports.Label{En: "Channel mix", Zh: "渠道构成"}
	ndRepeat       = reports.Label{En: "Repeat-purchase rate", Zh: "复购率"}
	ndAvgCats      = reports.Label{En: "Avg categories bought", Zh: "平均购买品类数"}
	ndDealSeekers  = reports.Label{En: "Deal seekers", Zh: "优惠敏感型客户"}
	ndRelationship = reports.Label{En: "Relationship customers", Zh: "关系型客户"}
	ndBySegment    = reports.Label{En: "Segment", Zh: "客户分群"}
	ndByTier       = reports.Label{En: "Value tier", Zh: "价值层级"}
	noNeeds        = reports.Label{En: "No common needs in this run: no buyers, or the orders have no categories.", Zh: "本次运行没有共同需求数据：没有购买客户，或订单没有品类信息。"}
)

// Migration sheet.
var (
	titleMigration   = reports.Label{En: "Segment migration", Zh: "客户迁移"}
	explainMigration = reports.Label{
		En: "How customers moved between segments since the previous run: who moved up, who slipped, who is new, and how the headline numbers changed.",
		Zh: "与上次运行相比，客户在分群之间如何迁移：谁升级了、谁下滑了、谁是新客户，以及核心指标的变化。"}
	mgFirstRun = reports.Label{
		En: "This is the first run: there is no earlier run to compare with yet. The next run will show who moved between segments.",
		Zh: "这是第一次运行：还没有可以比较的上一次结果。下次运行时将显示客户在分群之间的迁移。"}
	mgMovement    = reports.Label{En: "Movement", Zh: "迁移"}
	mgCompared    = reports.Label{En: "Compared with the run of", Zh: "上次运行的分析截止日"}
	mgMatrix      = reports.Label{En: "Last run ↓ / this run →", Zh: "上次 ↓ / 本次 →"}
	mgNone        = reports.Label{En: "Not a buyer / not present", Zh: "非购买客户/不在名单中"}
	mgMatrixTitle = reports.Label{En: "Customers by segment last run (rows) and now (columns)", Zh: "客户在上次（行）与本次（列）所属分群"}
	mgKPIs        = reports.Label{En: "Headline numbers", Zh: "核心指标"}
	mgPrev        = reports.Label{En: "Last run", Zh: "上次"}
	mgNow         = reports.Label{En: "This run", Zh: "本次"}
	mgChange      = reports.Label{En: "Change", Zh: "变化"}
)

// Cohorts sheet.
var (
	titleCohorts   = reports.Label{En: "Acquisition cohorts", Zh: "同期群分析"}
	explainCohorts = reports.Label{
		En: "Buyers grouped by the month of their first purchase (a cohort) and the share of each cohort who bought in each month after it; darker green is better. Below: each cohort's revenue per month.",
		Zh: "按首次购买的月份把购买客户分组（同期群），并列出每组在之后各月仍有购买的客户比例；绿色越深越好。下方：各同期群每月的收入。"}
	coMonth   = reports.Label{En: "First purchase month", Zh: "首次购买月份"}
	coSize    = reports.Label{En: "Buyers", Zh: "客户数"}
	coMonthK  = reports.Label{En: "Month %d", Zh: "第 %d 月"}
	coRevenue = reports.Label{En: "Revenue: the cohort's purchases in the month", Zh: "收入：该同期群当月的购买金额"}
	coNone    = reports.Label{En: "No cohorts in this run: the monthly purchases were not extracted, or nobody bought.", Zh: "本次运行没有同期群数据：没有提取每月购买数据，或没有客户购买。"}
)

// Model sheet.
var (
	titleModel   = reports.Label{En: "Purchase and spend models", Zh: "购买与消费预测模型"}
	explainModel = reports.Label{
		En: "The statistical models behind P(alive), expected purchases and lifetime value: their fitted parameters, whether they could be used, the settings, and the formulas in plain words.",
		Zh: "仍活跃概率、预期购买次数和终身价值背后的统计模型：拟合参数、能否使用、参数设置，以及用通俗语言说明的计算公式。"}
	mdSection   = reports.Label{En: "Section", Zh: "类别"}
	mdItem      = reports.Label{En: "Item", Zh: "项目"}
	mdValue     = reports.Label{En: "Value", Zh: "数值"}
	mdMeaning   = reports.Label{En: "What it means", Zh: "含义"}
	mdStatus    = reports.Label{En: "Status", Zh: "状态"}
	mdBG        = reports.Label{En: "BG/NBD, fitted on all the data", Zh: "BG/NBD（全部数据拟合）"}
	mdGG        = reports.Label{En: "Spend model (Gamma-Gamma)", Zh: "消费模型（Gamma-Gamma）"}
	mdSettings  = reports.Label{En: "Settings", Zh: "参数设置"}
	mdFormulas  = reports.Label{En: "Formulas", Zh: "计算公式"}
	mdUsable    = reports.Label{En: "Models used", Zh: "模型是否使用"}
	mdUsableYes = reports.Label{
		En: "Yes: both models could be used, so the model columns (P(alive), expected purchases and spend, CLV) are filled in and the pyramid ranks by CLV.",
		Zh: "是：两个模型均可使用，因此模型列（仍活跃概率、预期购买次数与消费、终身价值）已填写，金字塔按终身价值排序。"}
	mdUsableNo = reports.Label{
		En: "No: the run fell back to the rule-based fields (churn status by purchase rhythm, pyramid by historical value); the model columns are blank.",
		Zh: "否：本次运行退回到基于规则的字段（按购买节奏判断流失状态，金字塔按历史价值排序）；模型列留空。"}
	mdError     = reports.Label{En: "Why not used", Zh: "未使用原因"}
	mdConverged = reports.Label{En: "Converged", Zh: "是否收敛"}
	mdLogLik    = reports.Label{En: "Log-likelihood", Zh: "对数似然"}
	mdFitted    = reports.Label{En: "Customers fitted", Zh: "参与拟合的客户数"}
	mdExcluded  = reports.Label{En: "Customers left out", Zh: "未参与拟合的客户数"}
	no          = reports.Label{En: "no", Zh: "否"}

	mdR     = reports.Label{En: "How purchase rates vary between customers (shape).", Zh: "客户之间购买频率差异的形状参数。"}
	mdAlpha = reports.Label{En: "How purchase rates vary between customers (scale, in time units).", Zh: "客户之间购买频率差异的尺度参数（以时间单位计）。"}
	mdA     = reports.Label{En: "With b: how likely a customer is to drop out after a purchase.", Zh: "与 b 一起决定客户每次购买后流失的可能性。"}
	mdB     = reports.Label{En: "With a: how likely a customer is to drop out after a purchase; the mean is a ÷ (a + b).", Zh: "与 a 一起决定客户每次购买后流失的可能性；平均值为 a ÷ (a + b)。"}
	mdLL    = reports.Label{En: "How well the model fits the purchase histories (higher is better; only for comparing fits).", Zh: "模型对购买历史的拟合程度（越高越好；仅用于比较不同拟合）。"}
	mdBGN   = reports.Label{En: "Buyers whose purchase history the model was fitted to.", Zh: "用于拟合模型的购买客户数。"}
	mdP     = reports.Label{En: "Shape of the spend of one purchase.", Zh: "单次消费金额分布的形状参数。"}
	mdQ     = reports.Label{En: "Shape of how average spend varies between customers.", Zh: "客户之间平均消费差异的形状参数。"}
	mdV     = reports.Label{En: "Scale of how average spend varies between customers.", Zh: "客户之间平均消费差异的尺度参数。"}
	mdGGN   = reports.Label{En: "Repeat buyers whose average spend the model was fitted to.", Zh: "用于拟合模型的复购客户数。"}
	mdGGEx  = reports.Label{En: "Repeat buyers left out because their average spend was not positive.", Zh: "因平均消费不为正而未参与拟合的复购客户数。"}

	mdTimeUnit    = [2]reports.Label{{En: "Time unit", Zh: "时间单位"}, {En: "The models count time in units of this many days.", Zh: "模型以该天数为一个时间单位。"}}
	mdHorizon     = [2]reports.Label{{En: "Purchase horizon", Zh: "购买预测期"}, {En: "Expected purchases are counted over this period from the as-of date.", Zh: "预期购买次数按自分析截止日起的这段时间计算。"}}
	mdCLVMonths   = [2]reports.Label{{En: "CLV horizon", Zh: "终身价值预测期"}, {En: "Lifetime value adds up this many months from the as-of date.", Zh: "终身价值累计自分析截止日起的这些月份。"}}
	mdDiscount    = [2]reports.Label{{En: "Monthly discount rate", Zh: "月折现率"}, {En: "Money expected later is worth less today: each month is divided by (1 + this rate) once more.", Zh: "未来的钱在今天价值更低：每往后一个月，多除以一次 (1 + 该比率)。"}}
	mdMargin      = [2]reports.Label{{En: "Margin ratio", Zh: "毛利率"}, {En: "Shop-wide margin ÷ revenue, used for customers without their own margin when the orders have a cost; blank: lifetime value counts revenue.", Zh: "订单有成本时，对没有自身毛利数据的客户使用的全店毛利 ÷ 收入；留空表示终身价值按收入计算。"}}
	mdPyramidBy   = [2]reports.Label{{En: "Pyramid ranked by", Zh: "金字塔排序依据"}, {En: "What the customer pyramid ranks buyers by.", Zh: "客户金字塔对购买客户排序的依据。"}}
	mdPAlive      = [2]reports.Label{{En: "P(alive)", Zh: "仍活跃概率"}, {En: "The chance that a buyer is still a customer (has not silently dropped out), from how many times they bought, when they last bought and how long they have been a customer.", Zh: "根据客户购买过几次、最近一次购买的时间和成为客户的时长，估计其仍是活跃客户（没有悄悄流失）的概率。"}}
	mdExpP        = [2]reports.Label{{En: "Expected purchases", Zh: "预期购买次数"}, {En: "How many purchase days a buyer is expected to have over the purchase horizon, given their history and P(alive).", Zh: "根据客户的购买历史和仍活跃概率，预计其在购买预测期内会有多少个购买日。"}}
	mdExpS        = [2]reports.Label{{En: "Expected spend per purchase", Zh: "预期单次消费"}, {En: "A buyer's average repeat spend, pulled towards the shop-wide average the fewer purchases they have (Gamma-Gamma).", Zh: "客户复购的平均消费额，购买次数越少越向全店平均值靠拢（Gamma-Gamma 模型）。"}}
	mdCLVFormula  = [2]reports.Label{{En: "CLV", Zh: "客户终身价值"}, {En: "CLV = Σ over the months 1…%d of (expected purchases in the month × expected spend per purchase × margin ratio ÷ (1 + monthly discount rate)^month). Without cost, the margin ratio is 1.", Zh: "CLV = 对第 1…%d 月求和（当月预期购买次数 × 预期单次消费 × 毛利率 ÷ (1 + 月折现率)^月数）。没有成本数据时，毛利率取 1。"}}
	mdKeepFormula = [2]reports.Label{{En: "Value to keep / year", Zh: "可挽留的年价值"}, {En: "Yearly value pace × P(alive), where the yearly pace is value × 365 ÷ the days since the first purchase (at least 365): what a customer still brings each year if kept. Without usable models, P(alive) is taken as 1 when Active, ½ when Lapsing and 0 when Churned.", Zh: "年价值速度 × 仍活跃概率，其中年价值速度 = 价值 × 365 ÷ 自首次购买以来的天数（至少 365）：留住该客户每年仍能带来的价值。模型不可用时，“活跃”取 1，“流失预警”取 ½，“已流失”取 0。"}}
	mdByCLV       = reports.Label{En: "lifetime value (CLV)", Zh: "终身价值（CLV）"}
	mdByValue     = reports.Label{En: "historical value", Zh: "历史价值"}
)

// Definitions sheet.
var (
	titleDefinitions   = reports.Label{En: "Definitions", Zh: "指标定义"}
	explainDefinitions = reports.Label{
		En: "Every measure, score, segment and rule in this workbook, in plain words, with the thresholds this run used.",
		Zh: "本工作簿中的每个指标、得分、分群和规则的通俗说明，以及本次运行使用的阈值。"}
	dfTopic      = reports.Label{En: "Topic", Zh: "主题"}
	dfTerm       = reports.Label{En: "Term", Zh: "术语"}
	dfDefinition = reports.Label{En: "Definition", Zh: "定义"}

	dfRFM           = reports.Label{En: "RFM", Zh: "RFM"}
	dfSegments      = reports.Label{En: "Segments", Zh: "客户分群"}
	dfTiers         = reports.Label{En: "Value tiers", Zh: "价值分层"}
	dfChurn         = reports.Label{En: "Churn", Zh: "流失"}
	dfLifecycle     = reports.Label{En: "Lifecycle", Zh: "生命周期"}
	dfModels        = reports.Label{En: "Predictions", Zh: "预测"}
	dfPyramid       = reports.Label{En: "Pyramid", Zh: "客户金字塔"}
	dfTopicClusters = reports.Label{En: "Clusters", Zh: "聚类"}
	dfBehaviour     = reports.Label{En: "Buying behaviour", Zh: "购买行为"}
	dfQuality       = reports.Label{En: "Data quality", Zh: "数据质量"}
	dfEvaluation    = reports.Label{En: "Segment evaluation", Zh: "分群评估"}

	// Formats: see where they are used.
	dfRecency = [2]reports.Label{{En: "Recency", Zh: "最近购买（R）"},
		{En: "Days from the customer's last purchase to the as-of date (%s).", Zh: "从客户最近一次购买到分析截止日（%s）的天数。"}}
	dfFrequencyOrders = [2]reports.Label{{En: "Frequency", Zh: "购买频次（F）"},
		{En: "Number of purchases: distinct orders with a positive amount. Refunds are not purchases.", Zh: "购买次数：金额为正的不同订单数。退款不计为购买。"}}
	dfFrequencyDays = [2]reports.Label{{En: "Frequency", Zh: "购买频次（F）"},
		{En: "Number of distinct days with a purchase. Refunds are not purchases.", Zh: "有购买的不同天数。退款不计为购买。"}}
	dfMonetary = [2]reports.Label{{En: "Monetary", Zh: "消费金额（M）"},
		{En: "Net revenue: all purchases minus refunds.", Zh: "净收入：全部购买金额减去退款。"}}
	dfValue = [2]reports.Label{{En: "Value", Zh: "价值"},
		{En: "The value measure of this run: %s.", Zh: "本次运行的价值口径：%s。"}}
	dfScores = [2]reports.Label{{En: "R, F and M scores", Zh: "R、F、M 得分"},
		{En: "Buyers are ranked on each measure and cut into %d groups of about equal size, scored 1 to %d; %d is best (most recent, most often, most spent). Recency is reversed: fewer days scores higher. Customers who never bought get no score.",
			Zh: "购买客户按每项指标排序并分成 %d 个大小大致相等的组，得 1 到 %d 分；%d 分最好（最近买过、买得最频繁、花得最多）。最近购买是反向计分：天数越少得分越高。从未购买的客户没有得分。"}}
	dfTies = [2]reports.Label{{En: "Equal values", Zh: "数值相同"},
		{En: "Customers with equal values always get the same score. A group of equal values that spans a score boundary takes the score of the middle of the group in the ranking; the group holding the best value always gets the top score and the group holding the worst value the bottom score, so a big group of buyers who bought on the same recent day all score top for recency, however many they are. When many values are equal some scores stay unused. When every buyer has the same value, all get the middle score: the measure does not tell them apart.",
			Zh: "数值相同的客户总是得到相同的分数。跨越分数边界的一组相同数值，取该组在排序中中间位置对应的分数；持有最好数值的一组总是得最高分，持有最差数值的一组总是得最低分，因此同一天最近购买的一大批客户无论人数多少，最近购买得分都是最高分。当大量数值相同时，某些分数可能不会出现。若所有购买客户数值都相同，则都得中间分：该指标无法区分他们。"}}
	dfFM = [2]reports.Label{{En: "FM score", Zh: "FM 得分"},
		{En: "The mean of the F and M scores, rounded half up: how much a customer buys overall.", Zh: "F 与 M 得分的平均值（四舍五入）：衡量客户总体购买量。"}}
	// dfSegmentRule is a format: the score rule, then the action.
	dfSegmentRule  = reports.Label{En: "Buyers with %s. Suggested action: %s", Zh: "符合 %s 的购买客户。建议行动：%s"}
	dfSegmentOrder = [2]reports.Label{{En: "How segments are assigned", Zh: "分群方法"},
		{En: "Each buyer goes to the first segment in this list whose R and FM ranges contain their scores and that holds their churn status. Segment names agree with churn status: a buyer who is active by their own purchase rhythm but less recent than most of the shop is never named About to Sleep, At Risk, Can't Lose Them, Hibernating or Lost, and a churned buyer is never a Champion: such a buyer goes to the segment that holds their status nearest on the R scale with the same FM range. Customers who never bought are in no segment.",
			Zh: "每位购买客户归入此列表中第一个 R 与 FM 得分范围都包含其得分、且容纳其流失状态的分群。分群名称与流失状态一致：按自身购买节奏仍属活跃、只是比店内多数客户购买得早一些的客户，不会被归入即将沉睡、有流失风险、不能失去、休眠或流失等分群；已流失的客户也不会被称为冠军：这类客户归入 FM 范围相同、在 R 轴上最接近且容纳其状态的分群。从未购买的客户不属于任何分群。"}}
	// dfTierRule is a format with the cut-off range in percent.
	dfTierRule = reports.Label{En: "Buyers ranked from the most valuable down; the ones whose value, added up from the top, falls in %s–%s of all value.",
		Zh: "按价值从高到低排序，从最高者开始累计，其累计价值落在总价值的 %s–%s 区间的客户。"}
	dfTierNoValue = reports.Label{En: "Buyers whose value is not positive (refunds as large as their purchases, or no margin): no tier.",
		Zh: "价值不为正的购买客户（退款不少于购买，或没有毛利）：不划入层级。"}
	dfTop20 = [2]reports.Label{{En: "Top-20% value share", Zh: "前 20% 客户价值占比"},
		{En: "The share of all value brought by the most valuable 20% of buyers.", Zh: "价值最高的 20% 购买客户贡献的价值占总价值的比例。"}}
	dfGini = [2]reports.Label{{En: "Gini coefficient", Zh: "基尼系数"},
		{En: "How unevenly value is spread over the buyers: 0 = everyone brings the same, 1 = one buyer brings everything.", Zh: "价值在购买客户之间分布的不均程度：0 表示人人相同，1 表示全部价值来自一人。"}}
	// Churn statuses: formats with the thresholds.
	dfActive = reports.Label{En: "A buyer whose days since the last purchase are at most %s × their usual days between purchases (never less than %d days); a one-time buyer: at most %d days.",
		Zh: "距最近一次购买的天数不超过其平均购买间隔的 %s 倍（不少于 %d 天）的购买客户；只购买过一次的客户：不超过 %d 天。"}
	dfAtRisk = reports.Label{En: "Longer than that, but at most %s × their usual days between purchases (never less than %d days); a one-time buyer: at most %d days.",
		Zh: "超过上述天数，但不超过其平均购买间隔的 %s 倍（不少于 %d 天）；只购买过一次的客户：不超过 %d 天。"}
	dfChurned = reports.Label{En: "Longer than %s × their usual days between purchases (never less than %d days); a one-time buyer: more than %d days.",
		Zh: "超过其平均购买间隔的 %s 倍（不少于 %d 天）；只购买过一次的客户：超过 %d 天。"}
	dfPotential = reports.Label{En: "Registered in the customer list but never bought.", Zh: "在客户名单中登记但从未购买。"}
	dfRhythm    = [2]reports.Label{{En: "Days between purchases", Zh: "平均购买间隔"},
		{En: "A buyer's rhythm: (last purchase − first purchase) ÷ (purchase days − 1); blank for buyers who bought on one day only.",
			Zh: "客户的购买节奏：（最近一次购买 − 首次购买）÷（购买天数 − 1）；只在一天内购买过的客户留空。"}}
	// dfChurnRate is the one churn rate: a format with the period in days.
	dfChurnRate = [2]reports.Label{reports.KpiNameChurnRate,
		{En: "Of the buyers who were active at the start of the last %d days, the share who are churned now. The only churn rate in custseg's reports.", Zh: "在最近 %d 天开始时仍活跃的购买客户中，现在已流失的比例。这是本报告中唯一的流失率。"}}
	dfChurnedShare = [2]reports.Label{reports.KpiNameChurnedShare,
		{En: "Churned customers ÷ all buyers ever: how many of those who ever bought are gone. A share of buyers, not the churn rate.", Zh: "已流失客户 ÷ 所有曾经购买的客户：曾经购买的客户中有多少已经离开。这是占购买客户的比例，不是流失率。"}}
	// Lifecycle stages: formats with the window days.
	dfStageExploration = reports.Label{En: "Bought on one day only, or made the first purchase within the last %d days.", Zh: "只在一天内购买过，或首次购买在最近 %d 天内。"}
	dfStageFormation   = reports.Label{En: "More purchases in the last %d days than in the %d days before.", Zh: "最近 %d 天的购买次数多于之前 %d 天。"}
	dfStageStability   = reports.Label{En: "Buying steadily: neither more nor fewer purchases than before, and active.", Zh: "购买稳定：购买次数与之前持平，且仍活跃。"}
	dfStageDecline     = reports.Label{En: "Fewer purchases in the last %d days than in the %d days before, or in the churn status Lapsing.", Zh: "最近 %d 天的购买次数少于之前 %d 天，或流失状态为“流失预警”。"}
	dfStageLost        = reports.Label{En: "In the churn status Churned: the relationship has ended.", Zh: "流失状态为“已流失”：客户关系已终止。"}
	// dfStrategy is a format with a stage's strategy.
	dfStrategy = reports.Label{En: " Strategy: %s", Zh: "策略：%s"}
	dfPAlive   = [2]reports.Label{{En: "P(alive)", Zh: "仍活跃概率"},
		{En: "The chance that a buyer is still a customer, from the chosen purchase model (BG/NBD, MBG/NBD or Pareto/NBD); see the Model sheet.", Zh: "选用的购买模型（BG/NBD、MBG/NBD 或 Pareto/NBD）估计的客户仍是活跃客户的概率；见“预测模型”表。"}}
	dfCLV = [2]reports.Label{{En: "CLV (customer lifetime value)", Zh: "客户终身价值（CLV）"},
		{En: "What a buyer is predicted to bring over the next %d months: expected purchases × expected spend × margin, discounted at %s a month; see the Model sheet.",
			Zh: "预计客户在未来 %d 个月内带来的价值：预期购买次数 × 预期单次消费 × 毛利率，按每月 %s 折现；见“预测模型”表。"}}
	dfKeep = [2]reports.Label{{En: "Value to keep / year", Zh: "可挽留的年价值"},
		{En: "The value a year the shop keeps if the customer stays: yearly value pace × the chance the customer is still a customer.", Zh: "客户留下时店铺每年可保有的价值：年价值速度 × 客户仍是客户的概率。"}}
	dfSaveNow = [2]reports.Label{reports.ListNameSaveNow,
		{En: "Key and important customers who are not churned but slipping: Lapsing, buying less in the recent window than in the one before, or with a P(alive) below %s; ranked by value to keep a year.", Zh: "未流失但正在流失的大客户和重要客户：流失预警、近期窗口内购买少于之前窗口，或仍活跃概率低于 %s；按可挽留的年价值排序。"}}
	dfWinBack = [2]reports.Label{reports.ListNameWinBack,
		{En: "Key and important customers who have churned; ranked by their past value.", Zh: "已流失的大客户和重要客户；按历史价值排序。"}}
	// dfPyramidTier is a format with the rule (wbPyrTop…) and the measure.
	dfPyramidTier = reports.Label{En: "%s, ranked by %s.", Zh: "%s，按%s排序。"}
	dfClusters    = [2]reports.Label{{En: "k-means clusters", Zh: "k-means 聚类"},
		{En: "Buyers are described by recency, frequency, monetary value and days as a customer, each log-transformed and standardised; k-means groups them for each k from %d to %d and keeps the k with the highest silhouette. A cluster is named after the features more than half a standard deviation from the average.",
			Zh: "用最近购买、购买频次、消费金额和成为客户的天数描述每位购买客户，每项先取对数再标准化；对 k = %d 到 %d 分别做 k-means 分组，选用轮廓系数最高的 k。每个聚类按偏离平均值超过半个标准差的特征命名。"}}
	dfDiscount = [2]reports.Label{{En: "Discount share", Zh: "折扣占比"},
		{En: "Discount ÷ (gross purchases + discount): how much of the list price the customer did not pay.", Zh: "折扣 ÷（购买总额 + 折扣）：客户未支付的标价比例。"}}
	dfDealSeeker   = reports.Label{En: "A buyer whose discount share is at least %s.", Zh: "折扣占比不低于 %s 的购买客户。"}
	dfRelationship = reports.Label{En: "A buyer whose discount share is below %s and whose margin contribution is above the buyers' median.",
		Zh: "折扣占比低于 %s 且毛利贡献高于购买客户中位数的购买客户。"}
	dfTransactional = reports.Label{En: "Any other buyer with discount data.", Zh: "其他有折扣数据的购买客户。"}
	dfDistinct      = [2]reports.Label{{En: "Distinctness", Zh: "区分度"},
		{En: "The mean silhouette of the segment's buyers on the clustering features: how much more they resemble each other than the nearest other segment (−1 to 1, higher is better).",
			Zh: "该分群客户在聚类特征上的平均轮廓系数：他们彼此之间比与最近的其他分群更相似的程度（−1 到 1，越高越好）。"}}
	dfTooSmall = [2]reports.Label{{En: "Too small to act on", Zh: "规模过小"},
		{En: "The segment holds less than %s of all customers.", Zh: "该分群的客户少于全部客户的 %s。"}}
	dfStability = [2]reports.Label{{En: "Stability", Zh: "稳定性"},
		{En: "The share of the segment's buyers who were in the same segment in the previous run; blank on the first run.", Zh: "该分群客户中上次运行时已在同一分群的比例；首次运行时留空。"}}
)
