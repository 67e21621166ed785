package reports

// Texts of the email bodies, in the two report languages. Those with %s
// take formatted values, in order.
var (
	emailSubjectMgmt   = Label{"Customer report, %s: net revenue %s%s", "客户报告（%s）：净收入 %s%s"}
	emailSubjectChange = Label{" (%s)", "（%s）"}
	emailSubjectMkt    = Label{"Customer segment lists, %s: %s buyers in %s segments", "客户分群名单（%[1]s）：%[3]s 个客群共 %[2]s 位购买客户"}
	emailAsOf          = Label{"as of %s", "截至 %s"}
	emailPeriodDay     = Label{"day to %s", "截至 %s 的一天"}
	emailPeriodWeek    = Label{"week to %s", "截至 %s 的一周"}
	emailPeriod2Weeks  = Label{"two weeks to %s", "截至 %s 的两周"}
	emailPeriodMonth   = Label{"month to %s", "截至 %s 的一个月"}
	emailPeriodQuarter = Label{"quarter to %s", "截至 %s 的一个季度"}

	emailMgmtTitle   = Label{"Customer report", "客户报告"}
	emailMktTitle    = Label{"Customer segment lists", "客户分群名单"}
	emailColMeasure  = Label{"Measure", "指标"}
	emailColValue    = Label{"Now", "本次"}
	emailColChange   = Label{"Change", "变化"}
	emailMovesHead   = Label{"Movements since the last run", "与上次运行相比的客户流动"}
	emailMovedUp     = Label{"moved up", "上升"}
	emailMovedDown   = Label{"moved down", "下降"}
	emailStayed      = Label{"stayed", "不变"}
	emailNew         = Label{"new", "新增"}
	emailGone        = Label{"gone", "离开"}
	emailActionsHead = Label{"Top actions", "首要行动"}
	emailActionHVaR  = Label{"High-value customers at risk (%s)", "高价值流失风险客户（%s 位）"}
	emailActionHVaRD = Label{"Call or write to them, starting with the most value at risk (%s a year in all); the HTML report and the workbook list them.", "从面临流失价值最高的客户开始逐一联系（合计每年 %s）；HTML 报告和工作簿中列有名单。"}
	emailActionSeg   = Label{"%s (%s buyers, %s of value)", "%s（%s 位购买客户，占价值 %s）"}
	emailClosing     = Label{"The charts behind these numbers, and the full lists, are in the HTML report of this run.", "这些数字背后的图表和完整名单见本次运行的 HTML 报告。"}
	emailFooter      = Label{"Sent by custseg, run %s.", "由 custseg 发送，运行编号 %s。"}
	emailFooterNoRun = Label{"Sent by custseg.", "由 custseg 发送。"}

	emailMktIntro       = Label{"The workbook of this run holds every customer with contact details, scores, segment, value tier and churn status, ready to filter for a campaign.", "本次运行的工作簿列出每位客户的联系方式、得分、客群、价值层级和流失状态，可直接筛选用于营销活动。"}
	emailMktRisk        = Label{"%s key or important customers are slipping away, with %s of yearly value at risk: the sheet “%s” lists them, the most value at risk first.", "%s 位大客户或重要客户正在流失，每年面临流失的价值为 %s：“%s”表中列出了他们，面临流失价值最高的排在最前。"}
	emailMktSegHead     = Label{"Customers per segment", "各客群的客户数"}
	emailColShare       = Label{"Share of buyers", "占购买客户"}
	emailMktSheetsHead  = Label{"What the workbook holds", "工作簿内容"}
	emailMktSegSheets   = Label{"Segment sheets", "客群名单表"}
	emailMktSegSheetsIn = Label{"These segments have a sheet of their own, the most valuable customers first:", "以下客群各有一张单独的名单表，价值最高的客户排在最前："}
	emailMktNoSegSheets = Label{"No segment has a sheet of its own in this workbook: filter the column “%[2]s” of the sheet “%[1]s” instead.", "本工作簿没有单独的客群名单表：请在“%[1]s”表中筛选“%[2]s”列。"}
	emailMktSegSheetRow = Label{"%s customers. %s", "%s 位客户。%s"}
	emailMktHowTo       = Label{"To start a campaign: open the sheet “%[1]s”, filter the column “%[2]s” (or open a segment's own sheet) and copy the contact columns.", "开展营销活动：打开“%[1]s”表，筛选“%[2]s”列（或打开该客群的单独名单表），复制联系方式各列即可。"}
)
