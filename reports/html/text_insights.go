package html

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the HTML report's narrative, KPI changes, sections, the charts
// beyond segments and tiers, and its tables. Those with %s take formatted
// values, in order.
var (

	// Sections.
	secValue    = reports.Label{En: "Segments and value", Zh: "客群与价值"}
	secValueInt = reports.Label{En: "Who brings the value, and how concentrated it is.", Zh: "谁贡献了价值，价值有多集中。"}
	secChurn    = reports.Label{En: "Churn and lifecycle", Zh: "流失与生命周期"}
	secChurnInt = reports.Label{En: "Who is leaving, where customers are in their lifecycle, and what they are likely to be worth.", Zh: "谁在流失，客户处于生命周期的哪个阶段，以及他们未来可能的价值。"}
	secWho      = reports.Label{En: "Who the customers are", Zh: "客户特征"}
	secWhoInt   = reports.Label{En: "Customers and value by the attributes the customer data holds, and the groups the data falls into by itself.", Zh: "按客户数据中的属性统计客户与价值，以及数据自然形成的客户群。"}
	secTime     = reports.Label{En: "Changes over time", Zh: "随时间的变化"}
	secTimeInt  = reports.Label{En: "How customers move between segments, and how long new buyers keep buying.", Zh: "客户在各客群之间的流动，以及新客户持续购买多久。"}

	// Pyramid.
	pyrTitle     = reports.Label{En: "Customer pyramid", Zh: "客户价值金字塔"}
	pyrTextCLV   = reports.Label{En: "Buyers ranked by predicted lifetime value: the top 1% are platinum, the next 4% gold, the next 15% iron, the rest lead. Give platinum and gold customers personal service and keep them; move iron customers up with tailored offers; serve lead customers at low cost.", Zh: "按预测客户终身价值给购买客户排序：前 1% 为铂金客户，其后 4% 为黄金客户，再后 15% 为钢铁客户，其余为重铅客户。对铂金和黄金客户提供专属服务、重点保留；用定制优惠推动钢铁客户升级；以低成本服务重铅客户。"}
	pyrTextValue = reports.Label{En: "Buyers ranked by the value they brought so far (the lifetime-value model is not available in this run): the top 1% are platinum, the next 4% gold, the next 15% iron, the rest lead. Give platinum and gold customers personal service; serve lead customers at low cost.", Zh: "按迄今贡献的价值给购买客户排序（本次运行无法使用终身价值模型）：前 1% 为铂金客户，其后 4% 为黄金客户，再后 15% 为钢铁客户，其余为重铅客户。对铂金和黄金客户提供专属服务；以低成本服务重铅客户。"}
	pyrHighCLV   = reports.Label{En: "Platinum and gold: %s buyers (%s) hold %s of predicted lifetime value.", Zh: "铂金与黄金客户：%s 位（占 %s），拥有 %s 的预测终身价值。"}
	pyrHighValue = reports.Label{En: "Platinum and gold: %s buyers (%s) brought %s of value.", Zh: "铂金与黄金客户：%s 位（占 %s），贡献了 %s 的价值。"}
	pyrLabelCLV  = reports.Label{En: "%s: %s buyers (%s)\n%s of lifetime value", Zh: "%s：%s 位（%s）\n终身价值占比 %s"}
	pyrLabelVal  = reports.Label{En: "%s: %s buyers (%s)\n%s of value", Zh: "%s：%s 位（%s）\n价值占比 %s"}

	// Churn trend.
	trendTitle  = reports.Label{En: "Churn rate over time", Zh: "流失率趋势"}
	trendText   = reports.Label{En: "Each point is one run: the churn rate (of the buyers active at the start of the period, the share churned by its end), and the churned share of all buyers ever. A rising churn rate calls for a win-back campaign before the next run.", Zh: "每个点代表一次运行：流失率（期初活跃的购买客户中，到期末已流失的比例），以及全部购买客户中已流失的占比。流失率上升时，应在下次运行前开展挽回活动。"}
	trendPeriod = reports.KpiNameChurnRate
	trendAll    = reports.KpiNameChurnedShare
	trendNow    = reports.Label{En: "Churn rate (over %s days): %s now, %s at the run of %s.", Zh: "流失率（%[1]s 天）：本次 %[2]s，上次（%[4]s）为 %[3]s。"}
	trendStarts = reports.Label{En: "Churn rate (over %s days): %s. The trend starts with the next run.", Zh: "流失率（%s 天）：%s。趋势从下次运行开始显示。"}
	trendNoPrd  = reports.Label{En: "Churned share of buyers: %s (the churn rate was not measured). The trend starts with the next run.", Zh: "已流失客户占比 %s（未计算流失率）。趋势从下次运行开始显示。"}

	// Lifecycle.
	lifeTitle     = reports.Label{En: "Lifecycle stages", Zh: "客户生命周期"}
	lifeText      = reports.Label{En: "Buyers by lifecycle stage, from tenure and whether they buy more or less often than in the period before; each stage calls for its own strategy, listed below the chart.", Zh: "根据客户的购买时长以及近期购买频率的升降划分生命周期阶段；每个阶段的策略列在图表下方。"}
	lifeHighlight = reports.Label{En: "Largest stage: %s (%s of buyers); %s buyers (%s) are in decline.", Zh: "人数最多的阶段：%s（占购买客户 %s）；%s 位购买客户（%s）处于退化期。"}
	lifeSeries    = reports.Label{En: "Buyers", Zh: "购买客户"}

	// Models.
	modelsTitle = reports.Label{En: "Probability still active and lifetime value", Zh: "活跃概率与终身价值"}
	// modelsOff: which model could not be used (htmlModelsFailure),
	// then what the report does without them.
	modelsOff = reports.Label{En: "%s The run uses the models only when both can be used, so the charts of each buyer's probability of still being active and predicted lifetime value are left out, and the customer pyramid ranks buyers by the value they brought so far; churn status uses each customer's purchase rhythm instead.", Zh: "%s 只有两个模型都可用时才会使用，因此不显示客户仍活跃概率与预测终身价值的图表，客户价值金字塔改按迄今贡献的价值排序；流失状态改用每位客户的购买节奏判断。"}

	pAliveTitle = reports.Label{En: "Probability a buyer is still active", Zh: "客户仍活跃的概率"}
	// pAliveText: the purchase model's name.
	pAliveText      = reports.Label{En: "The purchase model (%s) estimates from each buyer's purchase history how likely they are still a customer. Buyers on the left are probably gone: reach out to the valuable ones among them now.", Zh: "购买模型（%s）根据每位客户的购买历史估计其仍是活跃客户的概率。左侧的客户很可能已经流失：尽快联系其中有价值的客户。"}
	pAliveHighlight = reports.Label{En: "%s buyers (%s) are more likely gone than active (below %s); the average buyer is %s likely to be active.", Zh: "%s 位购买客户（%s）更可能已流失（低于 %s）；购买客户平均仍活跃的概率为 %s。"}
	pAliveXAxis     = reports.Label{En: "Probability still active (%)", Zh: "仍活跃的概率（%）"}
	pAliveYAxis     = reports.Label{En: "Buyers", Zh: "购买客户"}

	clvTitle     = reports.Label{En: "Predicted lifetime value", Zh: "预测客户终身价值"}
	clvText      = reports.Label{En: "Each buyer's predicted value over the next %s months, discounted, from the purchase and spend models; bars count buyers per value band, the line shows each band's share of the total. Spend retention budget where the value is.", Zh: "根据购买与消费模型预测每位客户未来 %s 个月的价值（已折现）；柱形为各价值区间的客户数，折线为各区间占总价值的比例。把维系预算投向价值所在之处。"}
	clvHighlight = reports.Label{En: "Total %s; median buyer %s; the top 20%% of buyers by lifetime value hold %s of it.", Zh: "合计 %s；客户中位数 %s；终身价值最高的 20%% 客户占其中 %s。"}
	clvBuyers    = reports.Label{En: "Buyers", Zh: "购买客户"}
	clvShare     = reports.Label{En: "Share of total lifetime value", Zh: "占总终身价值比例"}

	// Clusters.
	clusterTitle     = reports.Label{En: "Customer groups found in the data (clustering)", Zh: "数据中的客户群（聚类）"}
	clusterText      = reports.Label{En: "k-means groups buyers by recency, frequency, spend and tenure without any rule given in advance; each bubble is a group at its average days since last purchase and purchases, sized by its buyers. Use the groups to check the segments and to find audiences they miss.", Zh: "k-means 聚类在不预设规则的情况下，按近度、频度、消费额和购买时长对购买客户分组；每个气泡代表一个客户群，位置为其平均距上次购买天数与购买次数，大小为客户数。可用来检验客群划分，并发现其遗漏的目标人群。"}
	clusterHighlight = reports.Label{En: "%s groups (silhouette %s: above 0.5 well separated, below 0.25 weak). Largest: %s (%s of buyers); most value: %s (%s of value).", Zh: "共 %s 个客户群（轮廓系数 %s：高于 0.5 区分明显，低于 0.25 较弱）。最大：%s（占购买客户 %s）；价值最多：%s（占价值 %s）。"}
	clusterNone      = reports.Label{En: "No clustering in this run: %s.", Zh: "本次运行未做聚类：%s。"}
	clusterXAxis     = reports.Label{En: "Days since last purchase (mean)", Zh: "距上次购买天数（平均）"}
	clusterYAxis     = reports.Label{En: "Purchases (mean)", Zh: "购买次数（平均）"}
	colGroup         = reports.Label{En: "Group", Zh: "客户群"}
	colRecency       = reports.Label{En: "Days since last purchase", Zh: "距上次购买天数"}
	colPurchases     = reports.Label{En: "Purchases", Zh: "购买次数"}
	colSpend         = reports.Label{En: "Net spend", Zh: "净消费额"}
	colTenure        = reports.Label{En: "Days since first purchase", Zh: "首购至今天数"}
	clusterTip       = reports.Label{En: "%s\n%s buyers (%s)\n%s of value\nLast purchase %s days ago\n%s purchases, %s net spend", Zh: "%s\n%s 位客户（%s）\n价值占比 %s\n距上次购买 %s 天\n购买 %s 次，净消费 %s"}

	// Characteristics.
	charTitle     = reports.Label{En: "Customers by %s", Zh: "按%s统计的客户"}
	charText      = reports.Label{En: "Each %[1]s's share of customers against its share of value: where the value bar is longer, customers of that %[1]s are worth more than average — target them first.", Zh: "各%[1]s的客户占比与价值占比：价值柱更长的%[1]s，客户价值高于平均水平，应优先针对。"}
	charNoneText  = reports.Label{En: "Customers and value by attributes such as province, gender or channel.", Zh: "按省份、性别、渠道等属性统计客户与价值。"}
	charHighlight = reports.Label{En: "Largest %s: %s (%s of customers). Most value: %s (%s of value).", Zh: "客户最多的%s：%s（占客户 %s）；价值最多：%s（占价值 %s）。"}
	// Attributes left out of the charts (analysis.Characteristic.Spread).
	charLeftTitle    = reports.Label{En: "Attributes left out", Zh: "未展示的属性"}
	charLeftText     = reports.Label{En: "These attributes say little about who the customers are, so they have no chart.", Zh: "以下属性几乎无法说明客户是谁，因此不绘制图表。"}
	charLeftNone     = reports.Label{En: "%s: left out — no customer has a value.", Zh: "%s：未展示——没有客户填写该项。"}
	charLeftOne      = reports.Label{En: "%s: left out — every customer with a value has the same one (%s).", Zh: "%s：未展示——填写了该项的客户取值都相同（%s）。"}
	charLeftOneAny   = reports.Label{En: "%s: left out — every customer with a value has the same one.", Zh: "%s：未展示——填写了该项的客户取值都相同。"}
	charLeftOther    = reports.Label{En: "%s: left out — %s.", Zh: "%s：未展示——%s。"}
	charLeftNotGiven = reports.Label{En: "%s: left out — %s of customers have no value given.", Zh: "%s：未展示——%s 的客户未填写该项。"}
	charLeftBoth     = reports.Label{En: "%s: left out — %s, and %s have no value given.", Zh: "%s：未展示——%s，另有 %s 的客户未填写该项。"}
	// The Other part of a left-out note: with the number of values in it.
	charLeftOtherN  = reports.Label{En: "%s of customers fall in Other (%s distinct values)", Zh: "%s 的客户归入“其他”（共 %s 个不同取值）"}
	charLeftOtherP  = reports.Label{En: "%s of customers fall in Other", Zh: "%s 的客户归入“其他”"}
	charNone        = reports.Label{En: "The customer data has no attribute columns (such as province, gender or channel) to break customers down by; add them to customers.sql to see this chart.", Zh: "客户数据中没有可用于细分的属性列（如省份、性别、渠道）；在 customers.sql 中加入这些列即可显示此图。"}
	charNoneTitle   = reports.Label{En: "Customer characteristics", Zh: "客户特征"}
	charNotGiven    = reports.Label{En: "(not given)", Zh: "（未填写）"}
	charOther       = reports.Label{En: "Other", Zh: "其他"}
	seriesCustShare = reports.Label{En: "Share of customers", Zh: "客户占比"}

	// Cohorts.
	cohortTitle = reports.Label{En: "Retention of new buyers (cohorts)", Zh: "新客户留存（同期群）"}
	cohortText  = reports.Label{En: "Each row is the buyers whose first purchase fell in that month; each cell the share of them who bought again that many months later. Rows that fade fast show where onboarding needs work.", Zh: "每行是首次购买在该月的客户；每个格子是其中在之后第 n 个月再次购买的比例。衰减较快的行说明新客引导需要改进。"}
	// The headline: one part per column (1 and 3) the drawn cohorts have,
	// with the buyers, the cohorts (htmlCohortSpan or htmlCohortIn), the
	// share and the column.
	cohortFirst   = reports.Label{En: "Of the %s buyers who first bought %s, %s bought again %s", Zh: "%[2]s首购的 %[1]s 位客户中，有 %[3]s %[4]s"}
	cohortPart    = reports.Label{En: "of the %s who first bought %s, %s %s", Zh: "%[2]s首购的 %[1]s 位客户中，有 %[3]s %[4]s"}
	cohortLater1  = reports.Label{En: "%s month later (column %[1]s)", Zh: "在第 %s 个月再次购买（第 %[1]s 列）"}
	cohortLaterN  = reports.Label{En: "%s months later (column %[1]s)", Zh: "在第 %s 个月再次购买（第 %[1]s 列）"}
	cohortSpan    = reports.Label{En: "from %s to %s", Zh: "%s 至 %s "}
	cohortIn      = reports.Label{En: "in %s", Zh: "%s "}
	cohortJoin    = reports.Label{En: "; ", Zh: "；"}
	cohortEnd     = reports.Label{En: ".", Zh: "。"}
	cohortRunning = reports.Label{En: "The current month is still running and is not shown.", Zh: "当月尚未结束，未显示。"}
	cohortNone    = reports.Label{En: "No cohort data in this run.", Zh: "本次运行没有同期群数据。"}
	cohortXAxis   = reports.Label{En: "Months after the first purchase", Zh: "首购后的月数"}
	cohortSeries  = reports.Label{En: "Bought again", Zh: "再次购买"}

	// Migration.
	migTitle     = reports.Label{En: "Moves between segments since the last run", Zh: "与上次运行相比的客群流动"}
	migText      = reports.Label{En: "Bands join each customer's segment at the last run (left) with their segment now (right). Broad bands into the segments At Risk, Hibernating or Lost are the moves to stop.", Zh: "色带连接每位客户上次运行时的客群（左）与当前客群（右）。流向“有流失风险客户”“休眠客户”“流失已久客户”的宽色带是需要阻止的流动。"}
	migHighlight = reports.Label{En: "Since %s: %s moved up, %s moved down, %s stayed, %s first-time buyers (together, the buyers of this run); %s buyers of the last run are no longer buying.", Zh: "自 %s 以来：%s 位上升，%s 位下降，%s 位不变，%s 位首次购买客户（合计为本次购买客户）；上次的购买客户中有 %s 位不再购买。"}
	migNoneLeft  = reports.Label{En: "Not a buyer then (first-time buyers)", Zh: "上次未购买（首次购买客户）"}
	migNoneRight = reports.Label{En: "Not a buyer now", Zh: "本次未购买"}
	migSeries    = reports.Label{En: "Customers", Zh: "客户"}
	migLinkTip   = reports.Label{En: "%s → %s: %s customers", Zh: "%s → %s：%s 位客户"}
	migNodeTip   = reports.Label{En: "%s: %s customers", Zh: "%s：%s 位客户"}

	// Campaign lists (names: listNameSaveNow, listNameWinBack).
	saveNowIntro = reports.Label{En: "%s key and important customers are still customers but slipping away (Lapsing, buying less than before, or unlikely to still be active): save them now, the most value to keep first (the first %s here; the workbook's Save now sheet lists them all with contacts). Value to keep is their yearly value times the chance they are still a customer.", Zh: "%s 位大客户与重要客户仍是客户但正在流失（流失预警、购买比以前少，或仍活跃的可能性低）：现在就挽留，可挽留价值最高的排在最前（此处列出前 %s 位；工作簿“立即挽留”表列出全部及联系方式）。可挽留价值 = 年度价值 × 仍是客户的概率。"}
	winBackIntro = reports.Label{En: "%s key and important customers have churned: win them back, the most past value first (the first %s here; the workbook's Win back sheet lists them all with contacts).", Zh: "%s 位大客户与重要客户已流失：尝试召回，历史价值最高的排在最前（此处列出前 %s 位；工作簿“流失召回”表列出全部及联系方式）。"}
	winBackNone  = reports.Label{En: "No key or important customer has churned.", Zh: "没有已流失的大客户或重要客户。"}
	colPastValue = reports.Label{En: "Past value", Zh: "历史价值"}
	colCLV       = reports.Label{En: "Lifetime value", Zh: "终身价值"}
	colShare     = reports.Label{En: "Buyers", Zh: "购买客户"}
)

// Under the R × F heatmap: why a score has no buyers (htmlRFUnused).
var (
	rfUnusedF    = reports.Label{En: "No buyer has frequency score %s: customers with equal values share a score, so ties leave some scores unused.", Zh: "没有客户的频度评分为 %s：数值相同的客户得分相同，因此并列会使某些得分无人使用。"}
	rfUnusedR    = reports.Label{En: "No buyer has recency score %s: customers with equal values share a score, so ties leave some scores unused.", Zh: "没有客户的近度评分为 %s：数值相同的客户得分相同，因此并列会使某些得分无人使用。"}
	rfUnusedBoth = reports.Label{En: "No buyer has frequency score %s or recency score %s: customers with equal values share a score, so ties leave some scores unused.", Zh: "没有客户的频度评分为 %s，也没有客户的近度评分为 %s：数值相同的客户得分相同，因此并列会使某些得分无人使用。"}
	// listSep separates the items of a short list.
	listSep = reports.Label{En: ", ", Zh: "、"}
)
