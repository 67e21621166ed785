package reports

var (
	Job      = Label{"Job", "任务"}
	AsOf     = Label{"Data as of", "数据截至"}
	NoBuyers = Label{"No purchases in the data yet.", "数据中还没有购买记录。"}
	// KPI tiles.
	kpiCustomers   = KpiNameCustomers
	kpiBuyers      = KpiNameBuyers
	kpiBuyersNote  = Label{"%s of customers bought", "占客户总数 %s"}
	kpiNetRevenue  = KpiNameNet
	kpiRefundsNote = Label{"after %s refunds", "已扣除退款 %s"}
	kpiOrdersNote  = Label{"%s orders", "共 %s 笔订单"}
	kpiaov         = KpiNameAOV
	kpiaovNote     = Label{"gross revenue per order", "每笔订单的购买金额"}
	kpiRepeat      = KpiNameRepeat
	kpiRepeatNote  = Label{"buyers with 2 or more orders", "下单 2 次及以上的购买客户占比"}
	kpiTop20       = KpiNameTop20
	kpiTop20Note   = Label{"of value from the top 20% of buyers", "价值来自前 20% 的购买客户"}
	kpiChurn       = KpiNameChurnRate
	kpiChurnNote   = Label{"of the buyers active %s days ago have churned since", "%s 天前仍活跃的购买客户中已流失的比例"}
	kpiChurnNone   = Label{"not measured in this run", "本次运行未计算"}
	kpiChurned     = KpiNameChurned
	kpiChurnedNote = Label{"%s of all buyers ever (a share, not the churn rate)", "占全部购买客户的 %s（占比，不是流失率）"}
	kpiActive      = KpiNameActive
	kpiActiveNote  = Label{"%s more lapsing", "另有 %s 位流失预警"}
	KPIsHeading    = Label{"Key numbers", "关键指标"}
	ColSegment     = Label{"Segment", "客群"}
	ColBuyers      = Label{"Buyers", "购买客户"}
	ColValueShare  = Label{"Share of value", "价值占比"}
	pointsUnit     = Label{" pp", " 个百分点"}
	noChange       = Label{"no change", "持平"}
	VsPrevious     = Label{"Changes against the previous run of %s.", "变化均与上次运行（%s）相比。"}
	// vsPeriodAndPrevious: the previous run's as-of date.
	vsPeriodAndPrevious = Label{"This period's figures change against the period of the same length before it; the others against the previous run of %s.", "本期指标与之前同样长度的时段相比；其他指标与上次运行（%s）相比。"}
	firstRunPeriod      = Label{"This period's figures change against the period of the same length before it; the other changes appear from the next run on.", "本期指标与之前同样长度的时段相比；其他指标的变化从下次运行起显示。"}
	FirstRun            = Label{"First run: changes against the previous run appear from the next run on.", "首次运行：从下次运行起显示与上次相比的变化。"}
	kpiAtRisk           = KpiNameLapsing
	KPICLV              = KpiNameCLV
	kpiclvNote          = Label{"all buyers, next %s months, discounted", "全部购买客户未来 %s 个月（已折现）"}
	// kpiPeriodNote: first and last day, days.
	kpiPeriodNote = Label{"%s – %s (%s days)", "%s 至 %s（%s 天）"}
	// kpiPeriodVsNote: first and last day, days, and those of the period before, which the change compares with.
	kpiPeriodVsNote = Label{"%s – %s (%s days); change against %s – %s", "%s 至 %s（%s 天）；变化对比 %s 至 %s"}
	kpiSaveNow      = KpiNameSaveNow
	kpiSaveNowNote  = Label{"key and important customers slipping away; %s a year to keep", "正在流失的大客户和重要客户；每年可挽留 %s"}
	kpiWinBack      = KpiNameWinBack
	kpiWinBackNote  = Label{"key and important customers who churned; %s of past value", "已流失的大客户和重要客户；历史价值 %s"}
	// Narrative.
	NarrHeading       = Label{"What changed, what to do", "变化与行动"}
	NarrNoBuyers      = Label{"There are no purchases in the data yet, so there is nothing to segment: the report fills in once customers buy.", "数据中还没有购买记录，暂时无法分群；有客户购买后报告会自动补全。"}
	narrFirstRunEmpty = Label{"This is the first run; changes are shown from the next run on.", "这是首次运行，从下次运行起显示变化。"}
	narrFirstRun      = Label{"This is the first run, so there is nothing to compare with yet: all time, %s buyers brought %s of net revenue.", "这是首次运行，暂无可比较的数据：累计 %s 位购买客户带来净收入 %s。"}
	narrNoMoves       = Label{"Since the last run (%s) the headline numbers barely changed; all-time net revenue stands at %s.", "与上次运行（%s）相比，关键指标基本持平；累计净收入为 %s。"}
	narrMoves1        = Label{"Since the last run (%s), %s.", "与上次运行（%s）相比，%s。"}
	narrMoves2        = Label{"Since the last run (%s), %s, and %s.", "与上次运行（%s）相比，%s；%s。"}
	// narrPeriod: first and last day, net revenue, orders, buyers, first-time buyers.
	narrPeriod = Label{"This period, %s to %s: net revenue %s from %s orders by %s buyers, %s of them first-time buyers", "本期（%s 至 %s）：净收入 %s，来自 %s 笔订单、%s 位购买客户，其中 %s 位首次购买"}
	// narrPeriodVs: the relative change, first and last day of the period before.
	narrPeriodVs = Label{" (%s against %s to %s).", "（较 %[2]s 至 %[3]s 变化 %[1]s）。"}
	// narrPeriodVsNone: first and last day of the period before, which had no revenue.
	narrPeriodVsNone = Label{" (no net revenue from %s to %s).", "（%s 至 %s 无净收入）。"}
	narrRose         = Label{"%s rose %s to %s", "%s上升 %s，至 %s"}
	narrFell         = Label{"%s fell %s to %s", "%s下降 %s，至 %s"}
	// narrPeriodChurn: the period in days, the churn rate, lapsing customers.
	narrPeriodChurn = Label{"The churn rate is %[2]s: of the buyers who were active %[1]s days ago, %[2]s have churned since; %[3]s customers are Lapsing now.", "流失率为 %[2]s：%[1]s 天前仍活跃的购买客户中，已有 %[2]s 流失；目前有 %[3]s 位客户处于流失预警。"}
	// narrChurn (no churn rate measured): churned customers, their share of buyers, lapsing customers.
	narrChurn = Label{"Churned customers: %s (%s of buyers); %s customers are Lapsing now.", "已流失客户数：%s（占购买客户 %s）；目前有 %s 位客户处于流失预警。"}
	// narrSaveNow: customers to save, their yearly value to keep, customers to win back.
	narrSaveNow       = Label{"%s key or important customers are slipping away, with %s a year still to keep (the Save now list); %s have already churned (the Win back list).", "%s 位大客户或重要客户正在流失，每年仍可挽留 %s（“立即挽留”名单）；另有 %s 位已流失（“流失召回”名单）。"}
	narrNoLists       = Label{"No key or important customer is slipping away or has churned.", "没有正在流失或已流失的大客户或重要客户。"}
	narrNoSaveNow     = Label{"No key or important customer is slipping away; %s have already churned (the Win back list).", "目前没有正在流失的大客户或重要客户；%s 位已流失（“流失召回”名单）。"}
	narrRichest       = Label{"The segment “%s” brings the most value: %s of it, from %s of buyers.", "“%s”客群贡献的价值最多：占总价值 %s，人数仅占购买客户 %s。"}
	narrActionSaveNow = Label{"Top action: contact the customers of the Save now list, starting with the most value to keep.", "首要行动：从可挽留价值最高的客户开始，联系“立即挽留”名单中的客户。"}
	narrActionSegment = Label{"Top action, for %s: %s.", "首要行动（%s）：%s。"}
	MigFirstRun       = Label{"First run: nothing to compare yet. The moves between segments appear from the next run on.", "首次运行：暂无可比较的数据。从下次运行起显示客群之间的流动。"}
	MigFlow           = Label{"%s → %s", "%s → %s"}
	MigTopFlows       = Label{"Largest moves between segments", "客群之间最大的流动"}
	MigCount          = Label{"%s customers", "%s 位客户"}
	SaveNowNone       = Label{"No key or important customer is slipping away.", "目前没有正在流失的大客户或重要客户。"}
	ColReason         = Label{"Why on this list", "列入原因"}
	ColKeep           = Label{"Value to keep / year", "可挽留的年价值"}
	ColCustomer       = Label{"Customer", "客户"}
	ColTier           = Label{"Value tier", "价值层级"}
	ColSegmentSheet   = Label{"Segment", "客户分群"}
	MgUp              = [2]Label{{"Moved up", "升级"},
		{"In a better segment than last run (one listed earlier in the segment rules).", "比上次处于更好的分群（分群规则中排在更前面的分群）。"}}
	MgDown = [2]Label{{"Moved down", "下滑"},
		{"In a worse segment than last run.", "比上次处于更差的分群。"}}
	MgSame = [2]Label{{"Same segment", "未变"},
		{"In the same segment as last run.", "与上次处于同一分群。"}}
	MgNew = [2]Label{{"First-time buyers", "首次购买客户"},
		{"Buyers now who had not bought by the last run (new customers, or customers who had not bought yet). Moved up, moved down, same segment and first-time buyers add up to this run's buyers.", "上次运行时尚未购买、本次已购买的客户（新客户，或此前未购买的客户）。升级、下滑、未变与首次购买客户之和等于本次的购买客户数。"}}
	MgReclassified = [2]Label{{"Segment retired", "原分群已取消"},
		{"Buyers whose segment at the last run no longer exists in the segment rules, so no direction can be told.", "上次所在分群已不在分群规则中的购买客户，无法判断升降。"}}
	MgLost = [2]Label{{"No longer buying", "不再购买"},
		{"Buyers at the last run who are not buyers now (no longer in the customer list); not part of this run's buyers.", "上次运行时的购买客户，本次已不再是购买客户（已不在客户名单中）；不计入本次的购买客户。"}}
)

var (
	calSeven     = Label{"7+", "7+"}
	modelsOffWhy = Label{"the models could not be fitted", "模型无法拟合"}
	// Which model failed and which did not (htmlModelsFailure).
	modelsBothFailed = Label{"Neither a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) nor the spend model (Gamma-Gamma) could be used on this data (purchase models: %s; spend model: %s).", "购买模型（BG/NBD、MBG/NBD、Pareto/NBD）与消费模型（Gamma-Gamma）均无法在本次数据上使用（购买模型：%s；消费模型：%s）。"}
	modelsBGFailed   = Label{"No purchase model (BG/NBD, MBG/NBD, Pareto/NBD) could be used on this data (%s); the spend model (Gamma-Gamma) converged.", "购买模型（BG/NBD、MBG/NBD、Pareto/NBD）均无法在本次数据上使用（%s）；消费模型（Gamma-Gamma）已收敛。"}
	modelsGGFailed   = Label{"The spend model (Gamma-Gamma) could not be used on this data (%s); the purchase model (%s) converged.", "消费模型（Gamma-Gamma）无法在本次数据上使用（%s）；购买模型（%s）已收敛。"}
	modelsNoneFailed = Label{"The purchase and spend models were not used (%s).", "未使用购买模型与消费模型（%s）。"}
)
