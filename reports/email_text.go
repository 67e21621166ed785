package reports

// Texts of the email bodies, in the two report languages. Those with %s
// take formatted values, in order.
var (
	emailSubjectMgmt   = Label{"Customer report, %s: all-time net revenue %s%s", "客户报告（%s）：累计净收入 %s%s"}
	emailSubjectChange = Label{" (%s)", "（%s）"}
	// emailSubjectPeriod: the period's name, its net revenue, its change.
	emailSubjectPeriod       = Label{"Customer report, %s: net revenue this period %s%s", "客户报告（%s）：本期净收入 %s%s"}
	emailSubjectPeriodChange = Label{" (%s against the period before)", "（较上期 %s）"}
	emailSubjectMkt          = Label{"Customer segment lists, %s: %s buyers in %s segments", "客户分群名单（%[1]s）：%[3]s 个客群共 %[2]s 位购买客户"}
	emailAsOf                = Label{"as of %s", "截至 %s"}
	emailPeriodDay           = Label{"day to %s", "截至 %s 的一天"}
	emailPeriodWeek          = Label{"week to %s", "截至 %s 的一周"}
	emailPeriod2Weeks        = Label{"two weeks to %s", "截至 %s 的两周"}
	emailPeriodMonth         = Label{"month to %s", "截至 %s 的一个月"}
	emailPeriodQuarter       = Label{"quarter to %s", "截至 %s 的一个季度"}

	emailMgmtTitle      = Label{"Customer report", "客户报告"}
	emailMktTitle       = Label{"Customer segment lists", "客户分群名单"}
	emailColMeasure     = Label{"Measure", "指标"}
	emailColValue       = Label{"Now", "本次"}
	emailColChange      = Label{"Change", "变化"}
	emailMovesHead      = Label{"Movements since the last run", "与上次运行相比的客户流动"}
	emailMovedUp        = Label{"moved up", "上升"}
	emailMovedDown      = Label{"moved down", "下降"}
	emailStayed         = Label{"stayed", "不变"}
	emailNew            = Label{"first-time buyers", "首次购买客户"}
	emailGone           = Label{"no longer buying", "不再购买"}
	emailActionsHead    = Label{"Top actions", "首要行动"}
	emailActionSaveNow  = Label{"Save now (%s customers)", "立即挽留（%s 位客户）"}
	emailActionSaveNowD = Label{"Call or write to the key and important customers who are slipping away, starting with the most value to keep (%s a year in all); the workbook's Save now sheet lists them with contacts.", "从可挽留价值最高的客户开始，联系正在流失的大客户和重要客户（合计每年 %s）；工作簿“立即挽留”表列出了他们及联系方式。"}
	// emailSaveNowHead: the list's name.
	emailSaveNowHead = Label{"%s: the first customers to call", "%s：首先联系的客户"}
	// emailSaveNowMore: rows shown, customers on the list, the list's name, where it is.
	emailSaveNowMore       = Label{"The %s customers above are the first of %s on the %s list; %s", "以上 %s 位客户是“%[3]s”名单 %[2]s 位客户中的前几位；%[4]s"}
	emailSaveNowInWorkbook = Label{"the whole list, with contacts, is on the Save now sheet of the marketing workbook.", "完整名单及联系方式见营销工作簿的“立即挽留”表。"}
	emailSaveNowAt         = Label{"the whole list, with contacts, is on the Save now sheet of the workbook in %s.", "完整名单及联系方式见 %s 中工作簿的“立即挽留”表。"}
	emailActionSeg         = Label{"%s (%s buyers, %s of value)", "%s（%s 位购买客户，占价值 %s）"}
	emailClosing           = Label{"The charts behind these numbers are in the HTML report of this run (attached, or linked below when too large to attach).", "这些数字背后的图表见本次运行的 HTML 报告（已附上；文件过大时，下方给出链接）。"}
	emailFooter            = Label{"Sent by custseg, run %s.", "由 custseg 发送，运行编号 %s。"}
	emailFooterNoRun       = Label{"Sent by custseg.", "由 custseg 发送。"}

	emailMktIntro = Label{"The workbook of this run holds every customer with contact details, scores, segment, value tier and churn status, ready to filter for a campaign.", "本次运行的工作簿列出每位客户的联系方式、得分、客群、价值层级和流失状态，可直接筛选用于营销活动。"}
	// emailMktSaveNow: customers to save, yearly value to keep, Save now sheet, customers to win back, Win back sheet.
	emailMktSaveNow = Label{"%s key or important customers are slipping away, with %s a year still to keep: the sheet “%s” lists them, the most value to keep first. %s have already churned: the sheet “%s” lists them for a win-back campaign.", "%s 位大客户或重要客户正在流失，每年仍可挽留 %s：“%s”表中列出了他们，可挽留价值最高的排在最前。另有 %s 位已流失：“%s”表中列出了他们，供召回活动使用。"}
	// emailMktWinBack: customers to win back, Win back sheet.
	emailMktWinBack     = Label{"No key or important customer is slipping away; %s have churned: the sheet “%s” lists them for a win-back campaign.", "目前没有正在流失的大客户或重要客户；%s 位已流失：“%s”表中列出了他们，供召回活动使用。"}
	emailMktSegHead     = Label{"Customers per segment", "各客群的客户数"}
	emailColShare       = Label{"Share of buyers", "占购买客户"}
	emailMktSheetsHead  = Label{"What the workbook holds", "工作簿内容"}
	emailMktSegSheets   = Label{"Segment sheets", "客群名单表"}
	emailMktSegSheetsIn = Label{"These segments have a sheet of their own, the most valuable customers first:", "以下客群各有一张单独的名单表，价值最高的客户排在最前："}
	emailMktNoSegSheets = Label{"No segment has a sheet of its own in this workbook: filter the column “%[2]s” of the sheet “%[1]s” instead.", "本工作簿没有单独的客群名单表：请在“%[1]s”表中筛选“%[2]s”列。"}
	emailMktSegSheetRow = Label{"%s customers. %s", "%s 位客户。%s"}
	emailMktHowTo       = Label{"To start a campaign: open the sheet “%[1]s”, filter the column “%[2]s” (or open a segment's own sheet) and copy the contact columns.", "开展营销活动：打开“%[1]s”表，筛选“%[2]s”列（或打开该客群的单独名单表），复制联系方式各列即可。"}
)
