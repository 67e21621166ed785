package reports

// Texts of the HTML report's narrative, KPI changes, sections, the charts
// beyond segments and tiers, and its tables. Those with %s take formatted
// values, in order.
var (
	htmlPointsUnit = Label{" pp", " 个百分点"}
	htmlNoChange   = Label{"no change", "持平"}
	htmlVsPrevious = Label{"Changes against the previous run of %s.", "变化均与上次运行（%s）相比。"}
	// htmlVsPeriodAndPrevious: the previous run's as-of date.
	htmlVsPeriodAndPrevious = Label{"This period's figures change against the period of the same length before it; the others against the previous run of %s.", "本期指标与之前同样长度的时段相比；其他指标与上次运行（%s）相比。"}
	htmlFirstRunPeriod      = Label{"This period's figures change against the period of the same length before it; the other changes appear from the next run on.", "本期指标与之前同样长度的时段相比；其他指标的变化从下次运行起显示。"}
	htmlFirstRun            = Label{"First run: changes against the previous run appear from the next run on.", "首次运行：从下次运行起显示与上次相比的变化。"}

	htmlKPIAtRisk  = kpiNameLapsing
	htmlKPICLV     = kpiNameCLV
	htmlKPICLVNote = Label{"all buyers, next %s months, discounted", "全部购买客户未来 %s 个月（已折现）"}
	// htmlKPIPeriodNote: first and last day, days.
	htmlKPIPeriodNote = Label{"%s – %s (%s days)", "%s 至 %s（%s 天）"}
	// htmlKPIPeriodVsNote: first and last day, days, and those of the period before, which the change compares with.
	htmlKPIPeriodVsNote = Label{"%s – %s (%s days); change against %s – %s", "%s 至 %s（%s 天）；变化对比 %s 至 %s"}
	htmlKPISaveNow      = kpiNameSaveNow
	htmlKPISaveNowNote  = Label{"key and important customers slipping away; %s a year to keep", "正在流失的大客户和重要客户；每年可挽留 %s"}
	htmlKPIWinBack      = kpiNameWinBack
	htmlKPIWinBackNote  = Label{"key and important customers who churned; %s of past value", "已流失的大客户和重要客户；历史价值 %s"}

	// Narrative.
	htmlNarrHeading       = Label{"What changed, what to do", "变化与行动"}
	htmlNarrNoBuyers      = Label{"There are no purchases in the data yet, so there is nothing to segment: the report fills in once customers buy.", "数据中还没有购买记录，暂时无法分群；有客户购买后报告会自动补全。"}
	htmlNarrFirstRunEmpty = Label{"This is the first run; changes are shown from the next run on.", "这是首次运行，从下次运行起显示变化。"}
	htmlNarrFirstRun      = Label{"This is the first run, so there is nothing to compare with yet: all time, %s buyers brought %s of net revenue.", "这是首次运行，暂无可比较的数据：累计 %s 位购买客户带来净收入 %s。"}
	htmlNarrNoMoves       = Label{"Since the last run (%s) the headline numbers barely changed; all-time net revenue stands at %s.", "与上次运行（%s）相比，关键指标基本持平；累计净收入为 %s。"}
	htmlNarrMoves1        = Label{"Since the last run (%s), %s.", "与上次运行（%s）相比，%s。"}
	htmlNarrMoves2        = Label{"Since the last run (%s), %s, and %s.", "与上次运行（%s）相比，%s；%s。"}
	// htmlNarrPeriod: first and last day, net revenue, orders, buyers, first-time buyers.
	htmlNarrPeriod = Label{"This period, %s to %s: net revenue %s from %s orders by %s buyers, %s of them first-time buyers", "本期（%s 至 %s）：净收入 %s，来自 %s 笔订单、%s 位购买客户，其中 %s 位首次购买"}
	// htmlNarrPeriodVs: the relative change, first and last day of the period before.
	htmlNarrPeriodVs = Label{" (%s against %s to %s).", "（较 %[2]s 至 %[3]s 变化 %[1]s）。"}
	// htmlNarrPeriodVsNone: first and last day of the period before, which had no revenue.
	htmlNarrPeriodVsNone = Label{" (no net revenue from %s to %s).", "（%s 至 %s 无净收入）。"}
	htmlNarrRose         = Label{"%s rose %s to %s", "%s上升 %s，至 %s"}
	htmlNarrFell         = Label{"%s fell %s to %s", "%s下降 %s，至 %s"}
	// htmlNarrPeriodChurn: the period in days, the churn rate, lapsing customers.
	htmlNarrPeriodChurn = Label{"The churn rate is %[2]s: of the buyers who were active %[1]s days ago, %[2]s have churned since; %[3]s customers are Lapsing now.", "流失率为 %[2]s：%[1]s 天前仍活跃的购买客户中，已有 %[2]s 流失；目前有 %[3]s 位客户处于流失预警。"}
	// htmlNarrChurn (no churn rate measured): churned customers, their share of buyers, lapsing customers.
	htmlNarrChurn = Label{"Churned customers: %s (%s of buyers); %s customers are Lapsing now.", "已流失客户数：%s（占购买客户 %s）；目前有 %s 位客户处于流失预警。"}
	// htmlNarrSaveNow: customers to save, their yearly value to keep, customers to win back.
	htmlNarrSaveNow       = Label{"%s key or important customers are slipping away, with %s a year still to keep (the Save now list); %s have already churned (the Win back list).", "%s 位大客户或重要客户正在流失，每年仍可挽留 %s（“立即挽留”名单）；另有 %s 位已流失（“流失召回”名单）。"}
	htmlNarrNoLists       = Label{"No key or important customer is slipping away or has churned.", "没有正在流失或已流失的大客户或重要客户。"}
	htmlNarrNoSaveNow     = Label{"No key or important customer is slipping away; %s have already churned (the Win back list).", "目前没有正在流失的大客户或重要客户；%s 位已流失（“流失召回”名单）。"}
	htmlNarrRichest       = Label{"The segment “%s” brings the most value: %s of it, from %s of buyers.", "“%s”客群贡献的价值最多：占总价值 %s，人数仅占购买客户 %s。"}
	htmlNarrActionSaveNow = Label{"Top action: contact the customers of the Save now list, starting with the most value to keep.", "首要行动：从可挽留价值最高的客户开始，联系“立即挽留”名单中的客户。"}
	htmlNarrActionSegment = Label{"Top action, for %s: %s.", "首要行动（%s）：%s。"}

	// Sections.
	htmlSecValue    = Label{"Segments and value", "客群与价值"}
	htmlSecValueInt = Label{"Who brings the value, and how concentrated it is.", "谁贡献了价值，价值有多集中。"}
	htmlSecChurn    = Label{"Churn and lifecycle", "流失与生命周期"}
	htmlSecChurnInt = Label{"Who is leaving, where customers are in their lifecycle, and what they are likely to be worth.", "谁在流失，客户处于生命周期的哪个阶段，以及他们未来可能的价值。"}
	htmlSecWho      = Label{"Who the customers are", "客户特征"}
	htmlSecWhoInt   = Label{"Customers and value by the attributes the customer data holds, and the groups the data falls into by itself.", "按客户数据中的属性统计客户与价值，以及数据自然形成的客户群。"}
	htmlSecTime     = Label{"Changes over time", "随时间的变化"}
	htmlSecTimeInt  = Label{"How customers move between segments, and how long new buyers keep buying.", "客户在各客群之间的流动，以及新客户持续购买多久。"}

	// Pyramid.
	htmlPyrTitle     = Label{"Customer pyramid", "客户价值金字塔"}
	htmlPyrTextCLV   = Label{"Buyers ranked by predicted lifetime value: the top 1% are platinum, the next 4% gold, the next 15% iron, the rest lead. Give platinum and gold customers personal service and keep them; move iron customers up with tailored offers; serve lead customers at low cost.", "按预测客户终身价值给购买客户排序：前 1% 为铂金客户，其后 4% 为黄金客户，再后 15% 为钢铁客户，其余为重铅客户。对铂金和黄金客户提供专属服务、重点保留；用定制优惠推动钢铁客户升级；以低成本服务重铅客户。"}
	htmlPyrTextValue = Label{"Buyers ranked by the value they brought so far (the lifetime-value model is not available in this run): the top 1% are platinum, the next 4% gold, the next 15% iron, the rest lead. Give platinum and gold customers personal service; serve lead customers at low cost.", "按迄今贡献的价值给购买客户排序（本次运行无法使用终身价值模型）：前 1% 为铂金客户，其后 4% 为黄金客户，再后 15% 为钢铁客户，其余为重铅客户。对铂金和黄金客户提供专属服务；以低成本服务重铅客户。"}
	htmlPyrHighCLV   = Label{"Platinum and gold: %s buyers (%s) hold %s of predicted lifetime value.", "铂金与黄金客户：%s 位（占 %s），拥有 %s 的预测终身价值。"}
	htmlPyrHighValue = Label{"Platinum and gold: %s buyers (%s) brought %s of value.", "铂金与黄金客户：%s 位（占 %s），贡献了 %s 的价值。"}
	htmlPyrLabelCLV  = Label{"%s: %s buyers (%s)\n%s of lifetime value", "%s：%s 位（%s）\n终身价值占比 %s"}
	htmlPyrLabelVal  = Label{"%s: %s buyers (%s)\n%s of value", "%s：%s 位（%s）\n价值占比 %s"}

	// Churn trend.
	htmlTrendTitle  = Label{"Churn rate over time", "流失率趋势"}
	htmlTrendText   = Label{"Each point is one run: the churn rate (of the buyers active at the start of the period, the share churned by its end), and the churned share of all buyers ever. A rising churn rate calls for a win-back campaign before the next run.", "每个点代表一次运行：流失率（期初活跃的购买客户中，到期末已流失的比例），以及全部购买客户中已流失的占比。流失率上升时，应在下次运行前开展挽回活动。"}
	htmlTrendPeriod = kpiNameChurnRate
	htmlTrendAll    = kpiNameChurnedShare
	htmlTrendNow    = Label{"Churn rate (over %s days): %s now, %s at the run of %s.", "流失率（%[1]s 天）：本次 %[2]s，上次（%[4]s）为 %[3]s。"}
	htmlTrendStarts = Label{"Churn rate (over %s days): %s. The trend starts with the next run.", "流失率（%s 天）：%s。趋势从下次运行开始显示。"}
	htmlTrendNoPrd  = Label{"Churned share of buyers: %s (the churn rate was not measured). The trend starts with the next run.", "已流失客户占比 %s（未计算流失率）。趋势从下次运行开始显示。"}

	// Lifecycle.
	htmlLifeTitle     = Label{"Lifecycle stages", "客户生命周期"}
	htmlLifeText      = Label{"Buyers by lifecycle stage, from tenure and whether they buy more or less often than in the period before; each stage calls for its own strategy, listed below the chart.", "根据客户的购买时长以及近期购买频率的升降划分生命周期阶段；每个阶段的策略列在图表下方。"}
	htmlLifeHighlight = Label{"Largest stage: %s (%s of buyers); %s buyers (%s) are in decline.", "人数最多的阶段：%s（占购买客户 %s）；%s 位购买客户（%s）处于退化期。"}
	htmlLifeSeries    = Label{"Buyers", "购买客户"}

	// Models.
	htmlModelsTitle = Label{"Probability still active and lifetime value", "活跃概率与终身价值"}
	// htmlModelsOff: which model could not be used (htmlModelsFailure),
	// then what the report does without them.
	htmlModelsOff    = Label{"%s The run uses the models only when both can be used, so the charts of each buyer's probability of still being active and predicted lifetime value are left out, and the customer pyramid ranks buyers by the value they brought so far; churn status uses each customer's purchase rhythm instead.", "%s 只有两个模型都可用时才会使用，因此不显示客户仍活跃概率与预测终身价值的图表，客户价值金字塔改按迄今贡献的价值排序；流失状态改用每位客户的购买节奏判断。"}
	htmlModelsOffWhy = Label{"the models could not be fitted", "模型无法拟合"}
	// Which model failed and which did not (htmlModelsFailure).
	htmlModelsBothFailed = Label{"Neither a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) nor the spend model (Gamma-Gamma) could be used on this data (purchase models: %s; spend model: %s).", "购买模型（BG/NBD、MBG/NBD、Pareto/NBD）与消费模型（Gamma-Gamma）均无法在本次数据上使用（购买模型：%s；消费模型：%s）。"}
	htmlModelsBGFailed   = Label{"No purchase model (BG/NBD, MBG/NBD, Pareto/NBD) could be used on this data (%s); the spend model (Gamma-Gamma) converged.", "购买模型（BG/NBD、MBG/NBD、Pareto/NBD）均无法在本次数据上使用（%s）；消费模型（Gamma-Gamma）已收敛。"}
	htmlModelsGGFailed   = Label{"The spend model (Gamma-Gamma) could not be used on this data (%s); the purchase model (%s) converged.", "消费模型（Gamma-Gamma）无法在本次数据上使用（%s）；购买模型（%s）已收敛。"}
	htmlModelsNoneFailed = Label{"The purchase and spend models were not used (%s).", "未使用购买模型与消费模型（%s）。"}

	htmlPAliveTitle = Label{"Probability a buyer is still active", "客户仍活跃的概率"}
	// htmlPAliveText: the purchase model's name.
	htmlPAliveText      = Label{"The purchase model (%s) estimates from each buyer's purchase history how likely they are still a customer. Buyers on the left are probably gone: reach out to the valuable ones among them now.", "购买模型（%s）根据每位客户的购买历史估计其仍是活跃客户的概率。左侧的客户很可能已经流失：尽快联系其中有价值的客户。"}
	htmlPAliveHighlight = Label{"%s buyers (%s) are more likely gone than active (below %s); the average buyer is %s likely to be active.", "%s 位购买客户（%s）更可能已流失（低于 %s）；购买客户平均仍活跃的概率为 %s。"}
	htmlPAliveXAxis     = Label{"Probability still active (%)", "仍活跃的概率（%）"}
	htmlPAliveYAxis     = Label{"Buyers", "购买客户"}

	htmlCLVTitle     = Label{"Predicted lifetime value", "预测客户终身价值"}
	htmlCLVText      = Label{"Each buyer's predicted value over the next %s months, discounted, from the purchase and spend models; bars count buyers per value band, the line shows each band's share of the total. Spend retention budget where the value is.", "根据购买与消费模型预测每位客户未来 %s 个月的价值（已折现）；柱形为各价值区间的客户数，折线为各区间占总价值的比例。把维系预算投向价值所在之处。"}
	htmlCLVHighlight = Label{"Total %s; median buyer %s; the top 20%% of buyers by lifetime value hold %s of it.", "合计 %s；客户中位数 %s；终身价值最高的 20%% 客户占其中 %s。"}
	htmlCLVBuyers    = Label{"Buyers", "购买客户"}
	htmlCLVShare     = Label{"Share of total lifetime value", "占总终身价值比例"}

	// Clusters.
	htmlClusterTitle     = Label{"Customer groups found in the data (clustering)", "数据中的客户群（聚类）"}
	htmlClusterText      = Label{"k-means groups buyers by recency, frequency, spend and tenure without any rule given in advance; each bubble is a group at its average days since last purchase and purchases, sized by its buyers. Use the groups to check the segments and to find audiences they miss.", "k-means 聚类在不预设规则的情况下，按近度、频度、消费额和购买时长对购买客户分组；每个气泡代表一个客户群，位置为其平均距上次购买天数与购买次数，大小为客户数。可用来检验客群划分，并发现其遗漏的目标人群。"}
	htmlClusterHighlight = Label{"%s groups (silhouette %s: above 0.5 well separated, below 0.25 weak). Largest: %s (%s of buyers); most value: %s (%s of value).", "共 %s 个客户群（轮廓系数 %s：高于 0.5 区分明显，低于 0.25 较弱）。最大：%s（占购买客户 %s）；价值最多：%s（占价值 %s）。"}
	htmlClusterNone      = Label{"No clustering in this run: %s.", "本次运行未做聚类：%s。"}
	htmlClusterXAxis     = Label{"Days since last purchase (mean)", "距上次购买天数（平均）"}
	htmlClusterYAxis     = Label{"Purchases (mean)", "购买次数（平均）"}
	htmlColGroup         = Label{"Group", "客户群"}
	htmlColRecency       = Label{"Days since last purchase", "距上次购买天数"}
	htmlColPurchases     = Label{"Purchases", "购买次数"}
	htmlColSpend         = Label{"Net spend", "净消费额"}
	htmlColTenure        = Label{"Days since first purchase", "首购至今天数"}
	htmlClusterTip       = Label{"%s\n%s buyers (%s)\n%s of value\nLast purchase %s days ago\n%s purchases, %s net spend", "%s\n%s 位客户（%s）\n价值占比 %s\n距上次购买 %s 天\n购买 %s 次，净消费 %s"}

	// Characteristics.
	htmlCharTitle     = Label{"Customers by %s", "按%s统计的客户"}
	htmlCharText      = Label{"Each %[1]s's share of customers against its share of value: where the value bar is longer, customers of that %[1]s are worth more than average — target them first.", "各%[1]s的客户占比与价值占比：价值柱更长的%[1]s，客户价值高于平均水平，应优先针对。"}
	htmlCharNoneText  = Label{"Customers and value by attributes such as province, gender or channel.", "按省份、性别、渠道等属性统计客户与价值。"}
	htmlCharHighlight = Label{"Largest %s: %s (%s of customers). Most value: %s (%s of value).", "客户最多的%s：%s（占客户 %s）；价值最多：%s（占价值 %s）。"}
	// Attributes left out of the charts (analysis.Characteristic.Spread).
	htmlCharLeftTitle    = Label{"Attributes left out", "未展示的属性"}
	htmlCharLeftText     = Label{"These attributes say little about who the customers are, so they have no chart.", "以下属性几乎无法说明客户是谁，因此不绘制图表。"}
	htmlCharLeftNone     = Label{"%s: left out — no customer has a value.", "%s：未展示——没有客户填写该项。"}
	htmlCharLeftOne      = Label{"%s: left out — every customer with a value has the same one (%s).", "%s：未展示——填写了该项的客户取值都相同（%s）。"}
	htmlCharLeftOneAny   = Label{"%s: left out — every customer with a value has the same one.", "%s：未展示——填写了该项的客户取值都相同。"}
	htmlCharLeftOther    = Label{"%s: left out — %s.", "%s：未展示——%s。"}
	htmlCharLeftNotGiven = Label{"%s: left out — %s of customers have no value given.", "%s：未展示——%s 的客户未填写该项。"}
	htmlCharLeftBoth     = Label{"%s: left out — %s, and %s have no value given.", "%s：未展示——%s，另有 %s 的客户未填写该项。"}
	// The Other part of a left-out note: with the number of values in it.
	htmlCharLeftOtherN  = Label{"%s of customers fall in Other (%s distinct values)", "%s 的客户归入“其他”（共 %s 个不同取值）"}
	htmlCharLeftOtherP  = Label{"%s of customers fall in Other", "%s 的客户归入“其他”"}
	htmlCharNone        = Label{"The customer data has no attribute columns (such as province, gender or channel) to break customers down by; add them to customers.sql to see this chart.", "客户数据中没有可用于细分的属性列（如省份、性别、渠道）；在 customers.sql 中加入这些列即可显示此图。"}
	htmlCharNoneTitle   = Label{"Customer characteristics", "客户特征"}
	htmlCharNotGiven    = Label{"(not given)", "（未填写）"}
	htmlCharOther       = Label{"Other", "其他"}
	htmlSeriesCustShare = Label{"Share of customers", "客户占比"}

	// Cohorts.
	htmlCohortTitle = Label{"Retention of new buyers (cohorts)", "新客户留存（同期群）"}
	htmlCohortText  = Label{"Each row is the buyers whose first purchase fell in that month; each cell the share of them who bought again that many months later. Rows that fade fast show where onboarding needs work.", "每行是首次购买在该月的客户；每个格子是其中在之后第 n 个月再次购买的比例。衰减较快的行说明新客引导需要改进。"}
	// The headline: one part per column (1 and 3) the drawn cohorts have,
	// with the buyers, the cohorts (htmlCohortSpan or htmlCohortIn), the
	// share and the column.
	htmlCohortFirst   = Label{"Of the %s buyers who first bought %s, %s bought again %s", "%[2]s首购的 %[1]s 位客户中，有 %[3]s %[4]s"}
	htmlCohortPart    = Label{"of the %s who first bought %s, %s %s", "%[2]s首购的 %[1]s 位客户中，有 %[3]s %[4]s"}
	htmlCohortLater1  = Label{"%s month later (column %[1]s)", "在第 %s 个月再次购买（第 %[1]s 列）"}
	htmlCohortLaterN  = Label{"%s months later (column %[1]s)", "在第 %s 个月再次购买（第 %[1]s 列）"}
	htmlCohortSpan    = Label{"from %s to %s", "%s 至 %s "}
	htmlCohortIn      = Label{"in %s", "%s "}
	htmlCohortJoin    = Label{"; ", "；"}
	htmlCohortEnd     = Label{".", "。"}
	htmlCohortRunning = Label{"The current month is still running and is not shown.", "当月尚未结束，未显示。"}
	htmlCohortNone    = Label{"No cohort data in this run.", "本次运行没有同期群数据。"}
	htmlCohortXAxis   = Label{"Months after the first purchase", "首购后的月数"}
	htmlCohortSeries  = Label{"Bought again", "再次购买"}

	// Migration.
	htmlMigTitle     = Label{"Moves between segments since the last run", "与上次运行相比的客群流动"}
	htmlMigText      = Label{"Bands join each customer's segment at the last run (left) with their segment now (right). Broad bands into the segments At Risk, Hibernating or Lost are the moves to stop.", "色带连接每位客户上次运行时的客群（左）与当前客群（右）。流向“有流失风险客户”“休眠客户”“流失已久客户”的宽色带是需要阻止的流动。"}
	htmlMigHighlight = Label{"Since %s: %s moved up, %s moved down, %s stayed, %s first-time buyers (together, the buyers of this run); %s buyers of the last run are no longer buying.", "自 %s 以来：%s 位上升，%s 位下降，%s 位不变，%s 位首次购买客户（合计为本次购买客户）；上次的购买客户中有 %s 位不再购买。"}
	htmlMigFirstRun  = Label{"First run: nothing to compare yet. The moves between segments appear from the next run on.", "首次运行：暂无可比较的数据。从下次运行起显示客群之间的流动。"}
	htmlMigNoneLeft  = Label{"Not a buyer then (first-time buyers)", "上次未购买（首次购买客户）"}
	htmlMigNoneRight = Label{"Not a buyer now", "本次未购买"}
	htmlMigSeries    = Label{"Customers", "客户"}
	htmlMigFlow      = Label{"%s → %s", "%s → %s"}
	htmlMigTopFlows  = Label{"Largest moves between segments", "客群之间最大的流动"}
	htmlMigCount     = Label{"%s customers", "%s 位客户"}
	htmlMigLinkTip   = Label{"%s → %s: %s customers", "%s → %s：%s 位客户"}
	htmlMigNodeTip   = Label{"%s: %s customers", "%s：%s 位客户"}

	// Campaign lists (names: listNameSaveNow, listNameWinBack).
	htmlSaveNowIntro = Label{"%s key and important customers are still customers but slipping away (Lapsing, buying less than before, or unlikely to still be active): save them now, the most value to keep first (the first %s here; the workbook's Save now sheet lists them all with contacts). Value to keep is their yearly value times the chance they are still a customer.", "%s 位大客户与重要客户仍是客户但正在流失（流失预警、购买比以前少，或仍活跃的可能性低）：现在就挽留，可挽留价值最高的排在最前（此处列出前 %s 位；工作簿“立即挽留”表列出全部及联系方式）。可挽留价值 = 年度价值 × 仍是客户的概率。"}
	htmlSaveNowNone  = Label{"No key or important customer is slipping away.", "目前没有正在流失的大客户或重要客户。"}
	htmlWinBackIntro = Label{"%s key and important customers have churned: win them back, the most past value first (the first %s here; the workbook's Win back sheet lists them all with contacts).", "%s 位大客户与重要客户已流失：尝试召回，历史价值最高的排在最前（此处列出前 %s 位；工作簿“流失召回”表列出全部及联系方式）。"}
	htmlWinBackNone  = Label{"No key or important customer has churned.", "没有已流失的大客户或重要客户。"}
	htmlColReason    = Label{"Why on this list", "列入原因"}
	htmlColKeep      = Label{"Value to keep / year", "可挽留的年价值"}
	htmlColPastValue = Label{"Past value", "历史价值"}
	htmlColCustomer  = Label{"Customer", "客户"}
	htmlColTier      = Label{"Value tier", "价值层级"}
	htmlColCLV       = Label{"Lifetime value", "终身价值"}
	htmlColShare     = Label{"Buyers", "购买客户"}
)

// Under the R × F heatmap: why a score has no buyers (htmlRFUnused).
var (
	htmlRFUnusedF    = Label{"No buyer has frequency score %s: customers with equal values share a score, so ties leave some scores unused.", "没有客户的频度评分为 %s：数值相同的客户得分相同，因此并列会使某些得分无人使用。"}
	htmlRFUnusedR    = Label{"No buyer has recency score %s: customers with equal values share a score, so ties leave some scores unused.", "没有客户的近度评分为 %s：数值相同的客户得分相同，因此并列会使某些得分无人使用。"}
	htmlRFUnusedBoth = Label{"No buyer has frequency score %s or recency score %s: customers with equal values share a score, so ties leave some scores unused.", "没有客户的频度评分为 %s，也没有客户的近度评分为 %s：数值相同的客户得分相同，因此并列会使某些得分无人使用。"}
	// htmlListSep separates the items of a short list.
	htmlListSep = Label{", ", "、"}
)
