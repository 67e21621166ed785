package html

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the HTML report. Those with %s take formatted values, in order.
var (
	title          = reports.Label{En: "Customer segmentation report", Zh: "客户分群报告"}
	generated      = reports.Label{En: "Generated", Zh: "生成时间"}
	valueMeasure   = reports.Label{En: "Customer value", Zh: "客户价值口径"}
	measureRevenue = reports.Label{En: "net revenue (purchases minus refunds)", Zh: "净收入（购买减退款）"}
	measureMargin  = reports.Label{En: "margin (net revenue minus cost)", Zh: "毛利（净收入减成本）"}
	noScript       = reports.Label{
		En: "The charts need JavaScript. The numbers and the table on this page are complete without them.",
		Zh: "图表需要启用 JavaScript；本页的数字和表格不依赖图表，内容完整。"}
	noData = reports.Label{En: "No data yet", Zh: "暂无数据"}

	actionsHeading   = reports.Label{En: "What to do next", Zh: "下一步行动"}
	actionsIntro     = reports.Label{En: "The segments that bring the most value, and what to do with each.", Zh: "贡献价值最多的客群，以及对每个客群的建议。"}
	colAction        = reports.Label{En: "Suggested action", Zh: "建议行动"}
	warningsHeading  = reports.Label{En: "Notes on this run", Zh: "本次运行说明"}
	footerRun        = reports.Label{En: "Run", Zh: "运行编号"}
	footerVersion    = reports.Label{En: "Made by custseg", Zh: "由 custseg 生成，版本"}
	footerCharts     = reports.Label{En: "Charts drawn with Apache ECharts %s (Apache License 2.0), included in this file.", Zh: "图表由 Apache ECharts %s 绘制（Apache License 2.0），已内嵌于本文件。"}
	seriesBuyerShare = reports.Label{En: "Share of buyers", Zh: "购买客户占比"}
	seriesValueShare = reports.Label{En: "Share of value", Zh: "价值占比"}

	// Segments chart.
	segTitle = reports.Label{En: "Customer segments", Zh: "客户分群"}
	segText  = reports.Label{
		En: "Bars compare each RFM segment's share of buyers (with the number of buyers) with its share of value: look after the segments whose value share is well above their size, and act first on the segments At Risk and Can't Lose Them, where value is slipping away.",
		Zh: "柱形对比各 RFM 客群的购买客户占比（标注人数）与价值占比：重点维护价值占比明显高于人数占比的客群，并优先处理“有流失风险客户”和“不能失去的客户”两个客群——他们的价值正在流失。"}
	segHighlight = reports.Label{En: "Largest segment: %s (%s of buyers). Most value: %s (%s of value).", Zh: "人数最多：%s（占购买客户 %s）；贡献价值最多：%s（占价值 %s）。"}

	// R × F heatmap.
	rfTitle = reports.Label{En: "Recency × frequency", Zh: "近度 × 频度"}
	rfText  = reports.Label{
		En: "Each cell counts buyers by recency score (rows, higher = bought more recently) and frequency score (columns, higher = buys more often): the top right holds your best customers, the bottom right frequent buyers who have gone quiet — win those back first — and the top left recent one-time buyers to turn into repeat buyers.",
		Zh: "每个格子统计某一近度评分（行，越高表示最近购买）与频度评分（列，越高表示购买越频繁）下的购买客户数：右上角是最好的客户；右下角是曾经常购买、近期沉寂的客户，应优先挽回；左上角是新近的一次性买家，应促成复购。"}
	rfHighlight = reports.Label{En: "%s buyers score high on both (R ≥ %s, F ≥ %s); %s frequent buyers have gone quiet (R ≤ %s, F ≥ %s).", Zh: "%s 位购买客户两项评分都高（R ≥ %s，F ≥ %s）；%s 位高频客户近期沉寂（R ≤ %s，F ≥ %s）。"}
	rfxAxis     = reports.Label{En: "Frequency score", Zh: "频度评分"}
	rfyAxis     = reports.Label{En: "Recency score", Zh: "近度评分"}
	rfSeries    = reports.Label{En: "Buyers", Zh: "购买客户"}

	// Pareto curve.
	paretoTitle = reports.Label{En: "Value concentration (Pareto curve)", Zh: "价值集中度（帕累托曲线）"}
	paretoText  = reports.Label{
		En: "The curve shows what share of value the most valuable buyers bring, the dashed line an even spread: keep the top buyers close with service and loyalty perks, and grow the middle so that revenue depends less on a few customers.",
		Zh: "曲线显示价值最高的购买客户贡献了多少价值，虚线表示平均分布：用服务和会员礼遇留住头部客户，同时培养中间客户，降低收入对少数客户的依赖。"}
	paretoHighlight = reports.Label{En: "The top 20%% of buyers bring %s of value (Gini %s: 0 = even, 1 = one customer has all).", Zh: "前 20%% 的购买客户贡献了 %s 的价值（基尼系数 %s：0 为完全平均，1 为全部来自一位客户）。"}
	paretoCurve     = reports.Label{En: "Cumulative share of value", Zh: "累计价值占比"}
	paretoEven      = reports.Label{En: "Even spread", Zh: "平均分布"}
	paretoXAxis     = reports.Label{En: "Buyers, most valuable first", Zh: "购买客户（按价值从高到低）"}
	paretoYAxis     = reports.Label{En: "Share of value", Zh: "价值占比"}
	paretoPointer   = reports.Label{En: "Top {value}% of buyers", Zh: "前 {value}% 的购买客户"}
	paretoCallout   = reports.Label{En: "Top 20%%: %s", Zh: "前 20%%：%s"}

	// Value tiers.
	tierTitle = reports.Label{En: "Value tiers", Zh: "价值分层"}
	tierText  = reports.Label{
		En: "Customers are ranked by value and cut into tiers from the most valuable down; bars compare each tier's share of buyers with its share of value: give key customers personal attention and priority service, grow important ones into key ones, and serve small ones at low cost.",
		Zh: "客户按价值从高到低排序并划分层级；柱形对比各层级的购买客户占比与价值占比：对大客户提供专人维护和优先服务，把重要客户培养为大客户，小客户以低成本服务。"}
	tierHighlight = reports.Label{En: "%s key customers (%s of buyers) bring %s of value.", Zh: "%s 位大客户（占购买客户 %s）贡献了 %s 的价值。"}

	// Churn status.
	statusTitle = reports.Label{En: "Churn status", Zh: "流失状态"}
	statusText  = reports.Label{
		En: "Customers by how long since their last purchase, against their own rhythm: contact the Lapsing customers now, since keeping them costs less than replacing Churned ones, and give the prospects who never bought a reason to place a first order.",
		Zh: "按距上次购买的时间（对照每位客户自己的购买节奏）划分客户：现在就联系“流失预警”的客户——留住他们比替换“已流失”的客户成本更低；并给从未购买的潜在客户一个下第一单的理由。"}
	// statusHighlight: churned customers, their share of buyers, lapsing customers.
	statusHighlight = reports.Label{En: "Churned customers: %s (%s of buyers); %s customers are Lapsing.", Zh: "已流失客户数：%s（占购买客户 %s）；%s 位客户处于流失预警。"}
	statusSeries    = reports.Label{En: "Customers", Zh: "客户"}
)
