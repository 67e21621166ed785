package reports

// Texts of the sheets that follow the basic ones (pyramid, churn and
// lifecycle, high-value at risk, clusters, characteristics, common needs,
// migration, cohorts, model, definitions), in the two report languages.
// Sheet names must stay valid in Excel: at most 31 characters and none of
// []:*?/\.
var (
	wbSheetPyramid     = Label{"Pyramid", "客户金字塔"}
	wbSheetChurn       = Label{"Churn and lifecycle", "流失与生命周期"}
	wbSheetSaveNow     = listNameSaveNow
	wbSheetWinBack     = listNameWinBack
	wbSheetClusters    = Label{"Clusters", "聚类分析"}
	wbSheetChars       = Label{"Characteristics", "客户特征"}
	wbSheetNeeds       = Label{"Common needs", "共同需求"}
	wbSheetMigration   = Label{"Migration", "客户迁移"}
	wbSheetCohorts     = Label{"Cohorts", "同期群"}
	wbSheetModel       = Label{"Model", "预测模型"}
	wbSheetDefinitions = Label{"Definitions", "指标定义"}
)

// Segment sheets.
var (
	// wbExplainSegmentSheet is a format: customers, then the suggested action.
	wbExplainSegmentSheet = Label{
		"Customers in this segment: %d, the most valuable first (same columns as the Customers sheet). Suggested action: %s",
		"该分群的客户：%d 位，价值最高的排在最前（列与“客户明细”表相同）。建议行动：%s"}
	wbEmptySegment = Label{"No customer is in this segment in this run.", "本次运行中没有客户属于该分群。"}
)

// Customers sheet: the columns after the basic ones.
var (
	wbColRhythm       = Label{"Days between purchases", "平均购买间隔（天）"}
	wbColStage        = Label{"Lifecycle stage", "生命周期阶段"}
	wbColPAlive       = Label{"P(alive)", "仍活跃概率"}
	wbColExpPurchases = Label{"Expected purchases", "预期购买次数"}
	wbColExpSpend     = Label{"Expected spend per purchase", "预期单次消费"}
	wbColCLV          = Label{"CLV", "客户终身价值"}
	wbColKeep         = Label{"Value to keep / year", "可挽留的年价值"}
	wbColPyramid      = Label{"Pyramid tier", "金字塔层级"}
	wbColCluster      = Label{"Cluster", "聚类"}
	wbColDiscount     = Label{"Discount share", "折扣占比"}
	wbColBehaviour    = Label{"Buying behaviour", "购买行为"}
	wbColRank         = Label{"Rank", "排名"}
)

// Summary sheet additions.
var (
	wbHdrChange = Label{"Change since last run", "较上次变化"}
	// wbHdrChangeSince is a format with the previous as-of date.
	wbHdrChangeSince = Label{"Change since\n%s", "较上次变化\n（%s）"}
	// wbParen is a format: a text in brackets after a header.
	wbParen    = Label{" (%s)", "（%s）"}
	wbFirstRun = Label{"first run", "首次运行"}

	// wbKPIExpPurchases' meaning is a format with the horizon in words.
	wbKPIExpPurchases = [2]Label{kpiNameExpPurchases,
		{"Purchases the purchase model expects from today's buyers over the next %s.",
			"购买模型预计现有购买客户在未来 %s内的购买次数。"}}
	// wbKPICLV's meaning is a format with the horizon in months.
	wbKPICLV = [2]Label{kpiNameCLV,
		{"What today's buyers are predicted to bring over the next %d months, discounted (see the Model sheet).",
			"预计现有购买客户在未来 %d 个月内带来的价值（已折现，见“预测模型”表）。"}}
	wbKPISaveNow = [2]Label{kpiNameSaveNow,
		{"Key and important customers still here but slipping away; the list is on the Save now sheet.",
			"仍是客户但正在流失的大客户和重要客户；名单见“立即挽留”表。"}}
	wbKPIWinBack = [2]Label{kpiNameWinBack,
		{"Key and important customers who have churned; the list is on the Win back sheet.",
			"已流失的大客户和重要客户；名单见“流失召回”表。"}}
	// wbKPIPeriodChurn is the churn rate; its meaning is a format with the
	// period in days.
	wbKPIPeriodChurn = [2]Label{kpiNameChurnRate,
		{"Of the buyers who were active %d days ago, the share who are churned now.",
			"%d 天前仍活跃的购买客户中，现在已流失的比例。"}}
	wbKPIPeriodChurnNone = [2]Label{kpiNameChurnRate,
		{"Not measured in this run: the purchases of the recent period were not extracted.",
			"本次运行未计算：没有提取近期的购买数据。"}}
	// wbModelNotUsable is a format with which model failed (htmlModelsFailure).
	wbModelNotUsable = Label{
		"Not available in this run. %s See the Model sheet.",
		"本次运行不可用。%s 见“预测模型”表。"}

	wbChartPyramid = Label{"Customer pyramid: share of buyers and of lifetime value",
		"客户金字塔：客户占比与终身价值占比"}
	wbChartPyramidValue = Label{"Customer pyramid: share of buyers and of value",
		"客户金字塔：客户占比与价值占比"}

	// Horizons in words: formats with a number.
	wbWeeks  = Label{"%g weeks", "%g 周"}
	wbDays   = Label{"%g days", "%g 天"}
	wbMonths = Label{"%d months", "%d 个月"}
)

// Segments sheet: the evaluation columns.
var (
	wbSegShareAll  = Label{"Share of all customers", "占全部客户比例"}
	wbSegDistinct  = Label{"Distinctness", "区分度"}
	wbSegTooSmall  = Label{"Too small to act on", "规模过小"}
	wbSegStability = Label{"Stability", "稳定性"}
	wbYes          = Label{"yes", "是"}
	// wbSegEvalNote is a format with the too-small share.
	wbSegEvalNote = Label{
		"Distinctness (−1 to 1, higher is better) shows how well the segment's buyers stand apart from the others; a segment is too small to act on under %s of all customers; stability is the share who were in the same segment last run.",
		"区分度（−1 到 1，越高越好）表示该分群客户与其他客户的区别程度；客户少于全部客户 %s 的分群规模过小；稳定性是上次运行时已在同一分群的客户比例。"}
)

// Pyramid sheet.
var (
	wbTitlePyramid   = Label{"Customer pyramid", "客户金字塔"}
	wbExplainPyramid = Label{
		"Buyers ranked by lifetime value and cut into four levels: platinum at the top, then gold, iron and lead. The few at the top deserve the most care.",
		"把购买客户按终身价值排序并分为四层：最上层为铂金客户，其次是黄金、钢铁和重铅客户。塔尖的少数客户最值得重点维护。"}
	wbPyrTier     = Label{"Pyramid tier", "金字塔层级"}
	wbPyrWho      = Label{"Who", "划分规则"}
	wbPyrCLVShare = Label{"Share of CLV", "占终身价值比例"}
	wbPyrRankedBy = Label{"Ranked by", "排序依据"}
	wbPyrByCLV    = Label{"Predicted customer lifetime value (CLV)", "预测的客户终身价值（CLV）"}
	wbPyrByValue  = Label{
		"Historical value: the purchase and spend models could not both be used in this run (see the Model sheet)",
		"历史价值：本次运行购买模型与消费模型未能同时使用（见“预测模型”表）"}
	// Formats with a share in percent.
	wbPyrTop  = Label{"The top %s of buyers", "价值最高的 %s 购买客户"}
	wbPyrNext = Label{"The next %s", "其后的 %s"}
	wbPyrRest = Label{"The rest (%s)", "其余 %s"}
)

// Churn and lifecycle sheet.
var (
	wbTitleChurn   = Label{"Churn and lifecycle", "流失与生命周期"}
	wbExplainChurn = Label{
		"Who is still buying, who is slipping and who has gone, judged against each customer's own purchase rhythm; below, each buyer's lifecycle stage and the strategy it calls for.",
		"根据每位客户自己的购买节奏判断谁仍在购买、谁正在流失、谁已经流失；下方是每位购买客户所处的生命周期阶段及相应策略。"}
	wbChStatus     = Label{"Churn status", "流失状态"}
	wbChShareAll   = Label{"Share of customers", "占全部客户比例"}
	wbChRule       = Label{"Rule", "判定规则"}
	wbChRhythm     = Label{"Rhythm rule", "购买节奏规则"}
	wbChStage      = Label{"Lifecycle stage", "生命周期阶段"}
	wbChStageMeans = Label{"Who is in it", "阶段特征"}
	wbChStrategy   = Label{"Strategy", "应对策略"}
	// wbChPeriodWhat is a format with the period in days.
	wbChPeriodWhat = Label{
		"Of the buyers who were active %d days ago, the share who are churned now.",
		"%d 天前仍活跃的购买客户中，现在已流失的比例。"}
	wbChPeriodMissing = Label{
		"Not measured: the purchases of the recent period were not extracted.",
		"未计算：没有提取近期的购买数据。"}
)

// The campaign lists: Save now and Win back.
var (
	wbTitleSaveNow   = Label{"Save now: high-value customers slipping away", "立即挽留：正在流失的高价值客户"}
	wbExplainSaveNow = Label{
		"Key and important customers who are still customers but slipping (Lapsing, buying less than before, or unlikely to still be active by the purchase model), the most value that can still be kept first: contact them now. The column “Why on this list” gives each one's reason.",
		"仍是客户但正在流失（流失预警、购买比以前少，或购买模型认为仍活跃的可能性低）的大客户和重要客户，可挽留价值最高的排在最前：现在就联系他们。“列入原因”列说明了每位客户被列入的原因。"}
	wbSaveNowNone    = Label{"No key or important customer is slipping away.", "目前没有正在流失的大客户或重要客户。"}
	wbTitleWinBack   = Label{"Win back: high-value customers who have churned", "流失召回：已流失的高价值客户"}
	wbExplainWinBack = Label{
		"Key and important customers who have churned (quiet for longer than their own rhythm allows), the most past value first: a win-back offer may bring them back. The column “Why on this list” says how long they have been quiet.",
		"已流失（沉寂时间超出其自身购买节奏允许范围）的大客户和重要客户，历史价值最高的排在最前：召回优惠或许能让他们回来。“列入原因”列说明了他们已沉寂多久。"}
	wbWinBackNone = Label{"No key or important customer has churned.", "没有已流失的大客户或重要客户。"}
	wbColReason   = Label{"Why on this list", "列入原因"}
)

// Clusters sheet.
var (
	wbTitleClusters   = Label{"Customer clusters", "客户聚类"}
	wbExplainClusters = Label{
		"Buyers grouped by k-means on how recently, how often and how much they bought and how long they have been customers; each group is named after what sets it apart.",
		"用 k-means 按最近购买、购买频次、消费金额和成为客户的时长对购买客户分组；每组按其突出特征命名。"}
	wbClNumber   = Label{"Cluster", "聚类"}
	wbClName     = Label{"Name", "名称"}
	wbClTenure   = Label{"Avg days as a customer", "平均成为客户天数"}
	wbClChoosing = Label{"Number of clusters (k)", "聚类数（k）"}
	wbClSil      = Label{"Silhouette", "轮廓系数"}
	wbClInertia  = Label{"Within-cluster spread", "簇内离散度"}
	wbClChosen   = Label{"Chosen", "选用"}
	wbClSilWhat  = Label{
		"Silhouette: how much better each buyer fits its own cluster than the next one (−1 to 1, higher is better). The k with the highest silhouette was chosen.",
		"轮廓系数：每位客户与所属聚类的契合程度比与最近的其他聚类高多少（−1 到 1，越高越好）。选用轮廓系数最高的 k。"}
	// wbClError is a format with the reason.
	wbClError = Label{"No clustering in this run: %s", "本次运行未进行聚类：%s"}
)

// Characteristics sheet.
var (
	wbTitleChars   = Label{"Customer characteristics", "客户特征"}
	wbExplainChars = Label{
		"Customers, buyers and value by each attribute of the customer list (such as province, gender, age band or channel), and how each value's buyers spread over the segments. Filter the first column to one attribute.",
		"按客户名单中的各项属性（如省份、性别、年龄段、渠道）统计客户数、购买客户数和价值，以及各属性值的购买客户在各分群中的分布。在第一列筛选某一属性即可。"}
	wbChAttribute = Label{"Attribute", "属性"}
	wbChValue     = Label{"Attribute value", "属性值"}
	wbChBuyers    = Label{"Buyers", "购买客户数"}
	wbNotGiven    = Label{"(not given)", "（未填写）"}
	wbOther       = Label{"Other", "其他"}
	// wbOtherN and wbOtherUnique are formats with the number of values
	// folded into Other.
	wbOtherN      = Label{"Other (%d values)", "其他（%d 个值）"}
	wbOtherUnique = Label{"All %d given values (mostly distinct: free text or identifiers)", "全部 %d 个已填写的值（大多互不相同：自由文本或编号）"}
	wbAgeBand     = Label{"age band", "年龄段"}
	// wbAttrNames name the usual attribute columns of customers.sql in
	// Chinese; English shows the column names as the query has them.
	wbAttrNames = map[string]string{
		"province": "省份", "city": "城市", "postcode": "邮编", "gender": "性别",
		"birth_date": "出生日期", "age": "年龄", "income": "收入", "occupation": "职业",
		"channel": "渠道", "source": "来源", "level": "会员等级",
	}
	wbAgeUnknown = Label{"(unknown)", "（未知）"}
	wbAgeUnder25 = Label{"under 25", "25 岁以下"}
	wbNoChars    = Label{"The customer list has no attribute columns to break down.", "客户名单中没有可供细分的属性列。"}
)

// Common needs sheet.
var (
	wbTitleNeeds   = Label{"Common needs", "共同需求"}
	wbExplainNeeds = Label{
		"What the buyers of each segment and value tier have in common: what they buy, through which channel, how much discount they use and how loyal they are, with the suggested action.",
		"各分群和价值层级的购买客户有哪些共同点：买什么、通过哪个渠道、使用多少折扣、忠诚度如何，以及建议行动。"}
	wbNdGrouping     = Label{"Grouping", "分组方式"}
	wbNdGroup        = Label{"Group", "组别"}
	wbNdTopCats      = Label{"Top categories (share of value)", "主要品类（价值占比）"}
	wbNdChannels     = Label{"Channel mix", "渠道构成"}
	wbNdRepeat       = Label{"Repeat-purchase rate", "复购率"}
	wbNdAvgCats      = Label{"Avg categories bought", "平均购买品类数"}
	wbNdDealSeekers  = Label{"Deal seekers", "优惠敏感型客户"}
	wbNdRelationship = Label{"Relationship customers", "关系型客户"}
	wbNdBySegment    = Label{"Segment", "客户分群"}
	wbNdByTier       = Label{"Value tier", "价值层级"}
	wbNoNeeds        = Label{"No common needs in this run: no buyers, or the orders have no categories.", "本次运行没有共同需求数据：没有购买客户，或订单没有品类信息。"}
)

// Migration sheet.
var (
	wbTitleMigration   = Label{"Segment migration", "客户迁移"}
	wbExplainMigration = Label{
		"How customers moved between segments since the previous run: who moved up, who slipped, who is new, and how the headline numbers changed.",
		"与上次运行相比，客户在分群之间如何迁移：谁升级了、谁下滑了、谁是新客户，以及核心指标的变化。"}
	wbMgFirstRun = Label{
		"This is the first run: there is no earlier run to compare with yet. The next run will show who moved between segments.",
		"这是第一次运行：还没有可以比较的上一次结果。下次运行时将显示客户在分群之间的迁移。"}
	wbMgMovement    = Label{"Movement", "迁移"}
	wbMgCompared    = Label{"Compared with the run of", "上次运行的分析截止日"}
	wbMgMatrix      = Label{"Last run ↓ / this run →", "上次 ↓ / 本次 →"}
	wbMgNone        = Label{"Not a buyer / not present", "非购买客户/不在名单中"}
	wbMgMatrixTitle = Label{"Customers by segment last run (rows) and now (columns)", "客户在上次（行）与本次（列）所属分群"}
	wbMgKPIs        = Label{"Headline numbers", "核心指标"}
	wbMgPrev        = Label{"Last run", "上次"}
	wbMgNow         = Label{"This run", "本次"}
	wbMgChange      = Label{"Change", "变化"}
)

// Cohorts sheet.
var (
	wbTitleCohorts   = Label{"Acquisition cohorts", "同期群分析"}
	wbExplainCohorts = Label{
		"Buyers grouped by the month of their first purchase (a cohort) and the share of each cohort who bought in each month after it; darker green is better. Below: each cohort's revenue per month.",
		"按首次购买的月份把购买客户分组（同期群），并列出每组在之后各月仍有购买的客户比例；绿色越深越好。下方：各同期群每月的收入。"}
	wbCoMonth   = Label{"First purchase month", "首次购买月份"}
	wbCoSize    = Label{"Buyers", "客户数"}
	wbCoMonthK  = Label{"Month %d", "第 %d 月"}
	wbCoRevenue = Label{"Revenue: the cohort's purchases in the month", "收入：该同期群当月的购买金额"}
	wbCoNone    = Label{"No cohorts in this run: the monthly purchases were not extracted, or nobody bought.", "本次运行没有同期群数据：没有提取每月购买数据，或没有客户购买。"}
)

// Model sheet.
var (
	wbTitleModel   = Label{"Purchase and spend models", "购买与消费预测模型"}
	wbExplainModel = Label{
		"The statistical models behind P(alive), expected purchases and lifetime value: their fitted parameters, whether they could be used, the settings, and the formulas in plain words.",
		"仍活跃概率、预期购买次数和终身价值背后的统计模型：拟合参数、能否使用、参数设置，以及用通俗语言说明的计算公式。"}
	wbMdSection   = Label{"Section", "类别"}
	wbMdItem      = Label{"Item", "项目"}
	wbMdValue     = Label{"Value", "数值"}
	wbMdMeaning   = Label{"What it means", "含义"}
	wbMdStatus    = Label{"Status", "状态"}
	wbMdBG        = Label{"BG/NBD, fitted on all the data", "BG/NBD（全部数据拟合）"}
	wbMdGG        = Label{"Spend model (Gamma-Gamma)", "消费模型（Gamma-Gamma）"}
	wbMdSettings  = Label{"Settings", "参数设置"}
	wbMdFormulas  = Label{"Formulas", "计算公式"}
	wbMdUsable    = Label{"Models used", "模型是否使用"}
	wbMdUsableYes = Label{
		"Yes: both models could be used, so the model columns (P(alive), expected purchases and spend, CLV) are filled in and the pyramid ranks by CLV.",
		"是：两个模型均可使用，因此模型列（仍活跃概率、预期购买次数与消费、终身价值）已填写，金字塔按终身价值排序。"}
	wbMdUsableNo = Label{
		"No: the run fell back to the rule-based fields (churn status by purchase rhythm, pyramid by historical value); the model columns are blank.",
		"否：本次运行退回到基于规则的字段（按购买节奏判断流失状态，金字塔按历史价值排序）；模型列留空。"}
	wbMdError     = Label{"Why not used", "未使用原因"}
	wbMdConverged = Label{"Converged", "是否收敛"}
	wbMdLogLik    = Label{"Log-likelihood", "对数似然"}
	wbMdFitted    = Label{"Customers fitted", "参与拟合的客户数"}
	wbMdExcluded  = Label{"Customers left out", "未参与拟合的客户数"}
	wbNo          = Label{"no", "否"}

	wbMdR     = Label{"How purchase rates vary between customers (shape).", "客户之间购买频率差异的形状参数。"}
	wbMdAlpha = Label{"How purchase rates vary between customers (scale, in time units).", "客户之间购买频率差异的尺度参数（以时间单位计）。"}
	wbMdA     = Label{"With b: how likely a customer is to drop out after a purchase.", "与 b 一起决定客户每次购买后流失的可能性。"}
	wbMdB     = Label{"With a: how likely a customer is to drop out after a purchase; the mean is a ÷ (a + b).", "与 a 一起决定客户每次购买后流失的可能性；平均值为 a ÷ (a + b)。"}
	wbMdLL    = Label{"How well the model fits the purchase histories (higher is better; only for comparing fits).", "模型对购买历史的拟合程度（越高越好；仅用于比较不同拟合）。"}
	wbMdBGN   = Label{"Buyers whose purchase history the model was fitted to.", "用于拟合模型的购买客户数。"}
	wbMdP     = Label{"Shape of the spend of one purchase.", "单次消费金额分布的形状参数。"}
	wbMdQ     = Label{"Shape of how average spend varies between customers.", "客户之间平均消费差异的形状参数。"}
	wbMdV     = Label{"Scale of how average spend varies between customers.", "客户之间平均消费差异的尺度参数。"}
	wbMdGGN   = Label{"Repeat buyers whose average spend the model was fitted to.", "用于拟合模型的复购客户数。"}
	wbMdGGEx  = Label{"Repeat buyers left out because their average spend was not positive.", "因平均消费不为正而未参与拟合的复购客户数。"}

	wbMdTimeUnit    = [2]Label{{"Time unit", "时间单位"}, {"The models count time in units of this many days.", "模型以该天数为一个时间单位。"}}
	wbMdHorizon     = [2]Label{{"Purchase horizon", "购买预测期"}, {"Expected purchases are counted over this period from the as-of date.", "预期购买次数按自分析截止日起的这段时间计算。"}}
	wbMdCLVMonths   = [2]Label{{"CLV horizon", "终身价值预测期"}, {"Lifetime value adds up this many months from the as-of date.", "终身价值累计自分析截止日起的这些月份。"}}
	wbMdDiscount    = [2]Label{{"Monthly discount rate", "月折现率"}, {"Money expected later is worth less today: each month is divided by (1 + this rate) once more.", "未来的钱在今天价值更低：每往后一个月，多除以一次 (1 + 该比率)。"}}
	wbMdMargin      = [2]Label{{"Margin ratio", "毛利率"}, {"Shop-wide margin ÷ revenue, used for customers without their own margin when the orders have a cost; blank: lifetime value counts revenue.", "订单有成本时，对没有自身毛利数据的客户使用的全店毛利 ÷ 收入；留空表示终身价值按收入计算。"}}
	wbMdPyramidBy   = [2]Label{{"Pyramid ranked by", "金字塔排序依据"}, {"What the customer pyramid ranks buyers by.", "客户金字塔对购买客户排序的依据。"}}
	wbMdPAlive      = [2]Label{{"P(alive)", "仍活跃概率"}, {"The chance that a buyer is still a customer (has not silently dropped out), from how many times they bought, when they last bought and how long they have been a customer.", "根据客户购买过几次、最近一次购买的时间和成为客户的时长，估计其仍是活跃客户（没有悄悄流失）的概率。"}}
	wbMdExpP        = [2]Label{{"Expected purchases", "预期购买次数"}, {"How many purchase days a buyer is expected to have over the purchase horizon, given their history and P(alive).", "根据客户的购买历史和仍活跃概率，预计其在购买预测期内会有多少个购买日。"}}
	wbMdExpS        = [2]Label{{"Expected spend per purchase", "预期单次消费"}, {"A buyer's average repeat spend, pulled towards the shop-wide average the fewer purchases they have (Gamma-Gamma).", "客户复购的平均消费额，购买次数越少越向全店平均值靠拢（Gamma-Gamma 模型）。"}}
	wbMdCLVFormula  = [2]Label{{"CLV", "客户终身价值"}, {"CLV = Σ over the months 1…%d of (expected purchases in the month × expected spend per purchase × margin ratio ÷ (1 + monthly discount rate)^month). Without cost, the margin ratio is 1.", "CLV = 对第 1…%d 月求和（当月预期购买次数 × 预期单次消费 × 毛利率 ÷ (1 + 月折现率)^月数）。没有成本数据时，毛利率取 1。"}}
	wbMdKeepFormula = [2]Label{{"Value to keep / year", "可挽留的年价值"}, {"Yearly value pace × P(alive), where the yearly pace is value × 365 ÷ the days since the first purchase (at least 365): what a customer still brings each year if kept. Without usable models, P(alive) is taken as 1 when Active, ½ when Lapsing and 0 when Churned.", "年价值速度 × 仍活跃概率，其中年价值速度 = 价值 × 365 ÷ 自首次购买以来的天数（至少 365）：留住该客户每年仍能带来的价值。模型不可用时，“活跃”取 1，“流失预警”取 ½，“已流失”取 0。"}}
	wbMdByCLV       = Label{"lifetime value (CLV)", "终身价值（CLV）"}
	wbMdByValue     = Label{"historical value", "历史价值"}
)

// Definitions sheet.
var (
	wbTitleDefinitions   = Label{"Definitions", "指标定义"}
	wbExplainDefinitions = Label{
		"Every measure, score, segment and rule in this workbook, in plain words, with the thresholds this run used.",
		"本工作簿中的每个指标、得分、分群和规则的通俗说明，以及本次运行使用的阈值。"}
	wbDfTopic      = Label{"Topic", "主题"}
	wbDfTerm       = Label{"Term", "术语"}
	wbDfDefinition = Label{"Definition", "定义"}

	wbDfRFM           = Label{"RFM", "RFM"}
	wbDfSegments      = Label{"Segments", "客户分群"}
	wbDfTiers         = Label{"Value tiers", "价值分层"}
	wbDfChurn         = Label{"Churn", "流失"}
	wbDfLifecycle     = Label{"Lifecycle", "生命周期"}
	wbDfModels        = Label{"Predictions", "预测"}
	wbDfPyramid       = Label{"Pyramid", "客户金字塔"}
	wbDfTopicClusters = Label{"Clusters", "聚类"}
	wbDfBehaviour     = Label{"Buying behaviour", "购买行为"}
	wbDfQuality       = Label{"Data quality", "数据质量"}
	wbDfEvaluation    = Label{"Segment evaluation", "分群评估"}

	// Formats: see where they are used.
	wbDfRecency = [2]Label{{"Recency", "最近购买（R）"},
		{"Days from the customer's last purchase to the as-of date (%s).", "从客户最近一次购买到分析截止日（%s）的天数。"}}
	wbDfFrequencyOrders = [2]Label{{"Frequency", "购买频次（F）"},
		{"Number of purchases: distinct orders with a positive amount. Refunds are not purchases.", "购买次数：金额为正的不同订单数。退款不计为购买。"}}
	wbDfFrequencyDays = [2]Label{{"Frequency", "购买频次（F）"},
		{"Number of distinct days with a purchase. Refunds are not purchases.", "有购买的不同天数。退款不计为购买。"}}
	wbDfMonetary = [2]Label{{"Monetary", "消费金额（M）"},
		{"Net revenue: all purchases minus refunds.", "净收入：全部购买金额减去退款。"}}
	wbDfValue = [2]Label{{"Value", "价值"},
		{"The value measure of this run: %s.", "本次运行的价值口径：%s。"}}
	wbDfScores = [2]Label{{"R, F and M scores", "R、F、M 得分"},
		{"Buyers are ranked on each measure and cut into %d groups of about equal size, scored 1 to %d; %d is best (most recent, most often, most spent). Recency is reversed: fewer days scores higher. Customers who never bought get no score.",
			"购买客户按每项指标排序并分成 %d 个大小大致相等的组，得 1 到 %d 分；%d 分最好（最近买过、买得最频繁、花得最多）。最近购买是反向计分：天数越少得分越高。从未购买的客户没有得分。"}}
	wbDfTies = [2]Label{{"Equal values", "数值相同"},
		{"Customers with equal values always get the same score. A group of equal values that spans a score boundary takes the score of the middle of the group in the ranking; the group holding the best value always gets the top score and the group holding the worst value the bottom score, so a big group of buyers who bought on the same recent day all score top for recency, however many they are. When many values are equal some scores stay unused. When every buyer has the same value, all get the middle score: the measure does not tell them apart.",
			"数值相同的客户总是得到相同的分数。跨越分数边界的一组相同数值，取该组在排序中中间位置对应的分数；持有最好数值的一组总是得最高分，持有最差数值的一组总是得最低分，因此同一天最近购买的一大批客户无论人数多少，最近购买得分都是最高分。当大量数值相同时，某些分数可能不会出现。若所有购买客户数值都相同，则都得中间分：该指标无法区分他们。"}}
	wbDfFM = [2]Label{{"FM score", "FM 得分"},
		{"The mean of the F and M scores, rounded half up: how much a customer buys overall.", "F 与 M 得分的平均值（四舍五入）：衡量客户总体购买量。"}}
	// wbDfSegmentRule is a format: the score rule, then the action.
	wbDfSegmentRule  = Label{"Buyers with %s. Suggested action: %s", "符合 %s 的购买客户。建议行动：%s"}
	wbDfSegmentOrder = [2]Label{{"How segments are assigned", "分群方法"},
		{"Each buyer goes to the first segment in this list whose R and FM ranges contain their scores and that holds their churn status. Segment names agree with churn status: a buyer who is active by their own purchase rhythm but less recent than most of the shop is never named About to Sleep, At Risk, Can't Lose Them, Hibernating or Lost, and a churned buyer is never a Champion: such a buyer goes to the segment that holds their status nearest on the R scale with the same FM range. Customers who never bought are in no segment.",
			"每位购买客户归入此列表中第一个 R 与 FM 得分范围都包含其得分、且容纳其流失状态的分群。分群名称与流失状态一致：按自身购买节奏仍属活跃、只是比店内多数客户购买得早一些的客户，不会被归入即将沉睡、有流失风险、不能失去、休眠或流失等分群；已流失的客户也不会被称为冠军：这类客户归入 FM 范围相同、在 R 轴上最接近且容纳其状态的分群。从未购买的客户不属于任何分群。"}}
	// wbDfTierRule is a format with the cut-off range in percent.
	wbDfTierRule = Label{"Buyers ranked from the most valuable down; the ones whose value, added up from the top, falls in %s–%s of all value.",
		"按价值从高到低排序，从最高者开始累计，其累计价值落在总价值的 %s–%s 区间的客户。"}
	wbDfTierNoValue = Label{"Buyers whose value is not positive (refunds as large as their purchases, or no margin): no tier.",
		"价值不为正的购买客户（退款不少于购买，或没有毛利）：不划入层级。"}
	wbDfTop20 = [2]Label{{"Top-20% value share", "前 20% 客户价值占比"},
		{"The share of all value brought by the most valuable 20% of buyers.", "价值最高的 20% 购买客户贡献的价值占总价值的比例。"}}
	wbDfGini = [2]Label{{"Gini coefficient", "基尼系数"},
		{"How unevenly value is spread over the buyers: 0 = everyone brings the same, 1 = one buyer brings everything.", "价值在购买客户之间分布的不均程度：0 表示人人相同，1 表示全部价值来自一人。"}}
	// Churn statuses: formats with the thresholds.
	wbDfActive = Label{"A buyer whose days since the last purchase are at most %s × their usual days between purchases (never less than %d days); a one-time buyer: at most %d days.",
		"距最近一次购买的天数不超过其平均购买间隔的 %s 倍（不少于 %d 天）的购买客户；只购买过一次的客户：不超过 %d 天。"}
	wbDfAtRisk = Label{"Longer than that, but at most %s × their usual days between purchases (never less than %d days); a one-time buyer: at most %d days.",
		"超过上述天数，但不超过其平均购买间隔的 %s 倍（不少于 %d 天）；只购买过一次的客户：不超过 %d 天。"}
	wbDfChurned = Label{"Longer than %s × their usual days between purchases (never less than %d days); a one-time buyer: more than %d days.",
		"超过其平均购买间隔的 %s 倍（不少于 %d 天）；只购买过一次的客户：超过 %d 天。"}
	wbDfPotential = Label{"Registered in the customer list but never bought.", "在客户名单中登记但从未购买。"}
	wbDfRhythm    = [2]Label{{"Days between purchases", "平均购买间隔"},
		{"A buyer's rhythm: (last purchase − first purchase) ÷ (purchase days − 1); blank for buyers who bought on one day only.",
			"客户的购买节奏：（最近一次购买 − 首次购买）÷（购买天数 − 1）；只在一天内购买过的客户留空。"}}
	// wbDfChurnRate is the one churn rate: a format with the period in days.
	wbDfChurnRate = [2]Label{kpiNameChurnRate,
		{"Of the buyers who were active at the start of the last %d days, the share who are churned now. The only churn rate in custseg's reports.", "在最近 %d 天开始时仍活跃的购买客户中，现在已流失的比例。这是本报告中唯一的流失率。"}}
	wbDfChurnedShare = [2]Label{kpiNameChurnedShare,
		{"Churned customers ÷ all buyers ever: how many of those who ever bought are gone. A share of buyers, not the churn rate.", "已流失客户 ÷ 所有曾经购买的客户：曾经购买的客户中有多少已经离开。这是占购买客户的比例，不是流失率。"}}
	// Lifecycle stages: formats with the window days.
	wbDfStageExploration = Label{"Bought on one day only, or made the first purchase within the last %d days.", "只在一天内购买过，或首次购买在最近 %d 天内。"}
	wbDfStageFormation   = Label{"More purchases in the last %d days than in the %d days before.", "最近 %d 天的购买次数多于之前 %d 天。"}
	wbDfStageStability   = Label{"Buying steadily: neither more nor fewer purchases than before, and active.", "购买稳定：购买次数与之前持平，且仍活跃。"}
	wbDfStageDecline     = Label{"Fewer purchases in the last %d days than in the %d days before, or in the churn status Lapsing.", "最近 %d 天的购买次数少于之前 %d 天，或流失状态为“流失预警”。"}
	wbDfStageLost        = Label{"In the churn status Churned: the relationship has ended.", "流失状态为“已流失”：客户关系已终止。"}
	// wbDfStrategy is a format with a stage's strategy.
	wbDfStrategy = Label{" Strategy: %s", "策略：%s"}
	wbDfPAlive   = [2]Label{{"P(alive)", "仍活跃概率"},
		{"The chance that a buyer is still a customer, from the chosen purchase model (BG/NBD, MBG/NBD or Pareto/NBD); see the Model sheet.", "选用的购买模型（BG/NBD、MBG/NBD 或 Pareto/NBD）估计的客户仍是活跃客户的概率；见“预测模型”表。"}}
	wbDfCLV = [2]Label{{"CLV (customer lifetime value)", "客户终身价值（CLV）"},
		{"What a buyer is predicted to bring over the next %d months: expected purchases × expected spend × margin, discounted at %s a month; see the Model sheet.",
			"预计客户在未来 %d 个月内带来的价值：预期购买次数 × 预期单次消费 × 毛利率，按每月 %s 折现；见“预测模型”表。"}}
	wbDfKeep = [2]Label{{"Value to keep / year", "可挽留的年价值"},
		{"The value a year the shop keeps if the customer stays: yearly value pace × the chance the customer is still a customer.", "客户留下时店铺每年可保有的价值：年价值速度 × 客户仍是客户的概率。"}}
	wbDfSaveNow = [2]Label{listNameSaveNow,
		{"Key and important customers who are not churned but slipping: Lapsing, buying less in the recent window than in the one before, or with a P(alive) below %s; ranked by value to keep a year.", "未流失但正在流失的大客户和重要客户：流失预警、近期窗口内购买少于之前窗口，或仍活跃概率低于 %s；按可挽留的年价值排序。"}}
	wbDfWinBack = [2]Label{listNameWinBack,
		{"Key and important customers who have churned; ranked by their past value.", "已流失的大客户和重要客户；按历史价值排序。"}}
	// wbDfPyramidTier is a format with the rule (wbPyrTop…) and the measure.
	wbDfPyramidTier = Label{"%s, ranked by %s.", "%s，按%s排序。"}
	wbDfClusters    = [2]Label{{"k-means clusters", "k-means 聚类"},
		{"Buyers are described by recency, frequency, monetary value and days as a customer, each log-transformed and standardised; k-means groups them for each k from %d to %d and keeps the k with the highest silhouette. A cluster is named after the features more than half a standard deviation from the average.",
			"用最近购买、购买频次、消费金额和成为客户的天数描述每位购买客户，每项先取对数再标准化；对 k = %d 到 %d 分别做 k-means 分组，选用轮廓系数最高的 k。每个聚类按偏离平均值超过半个标准差的特征命名。"}}
	wbDfDiscount = [2]Label{{"Discount share", "折扣占比"},
		{"Discount ÷ (gross purchases + discount): how much of the list price the customer did not pay.", "折扣 ÷（购买总额 + 折扣）：客户未支付的标价比例。"}}
	wbDfDealSeeker   = Label{"A buyer whose discount share is at least %s.", "折扣占比不低于 %s 的购买客户。"}
	wbDfRelationship = Label{"A buyer whose discount share is below %s and whose margin contribution is above the buyers' median.",
		"折扣占比低于 %s 且毛利贡献高于购买客户中位数的购买客户。"}
	wbDfTransactional = Label{"Any other buyer with discount data.", "其他有折扣数据的购买客户。"}
	wbDfDistinct      = [2]Label{{"Distinctness", "区分度"},
		{"The mean silhouette of the segment's buyers on the clustering features: how much more they resemble each other than the nearest other segment (−1 to 1, higher is better).",
			"该分群客户在聚类特征上的平均轮廓系数：他们彼此之间比与最近的其他分群更相似的程度（−1 到 1，越高越好）。"}}
	wbDfTooSmall = [2]Label{{"Too small to act on", "规模过小"},
		{"The segment holds less than %s of all customers.", "该分群的客户少于全部客户的 %s。"}}
	wbDfStability = [2]Label{{"Stability", "稳定性"},
		{"The share of the segment's buyers who were in the same segment in the previous run; blank on the first run.", "该分群客户中上次运行时已在同一分群的比例；首次运行时留空。"}}
)
