package email

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the email bodies, in the two report languages. Those with %s
// take formatted values, in order.
var (
	subjectMgmt   = reports.Label{En: "Customer report, %s: all-time net revenue %s%s", Zh: "客户报告（%s）：累计净收入 %s%s"}
	subjectChange = reports.Label{En: " (%s)", Zh: "（%s）"}
	// subjectPeriod: the period's name, its net revenue, its change.
	subjectPeriod       = reports.Label{En: "Customer report, %s: net revenue this period %s%s", Zh: "客户报告（%s）：本期净收入 %s%s"}
	subjectPeriodChange = reports.Label{En: " (%s against the period before)", Zh: "（较上期 %s）"}
	subjectMkt          = reports.Label{En: "Customer segment lists, %s: %s buyers in %s segments", Zh: "客户分群名单（%[1]s）：%[3]s 个客群共 %[2]s 位购买客户"}
	emailAsOf           = reports.Label{En: "as of %s", Zh: "截至 %s"}
	periodDay           = reports.Label{En: "day to %s", Zh: "截至 %s 的一天"}
	periodWeek          = reports.Label{En: "week to %s", Zh: "截至 %s 的一周"}
	period2Weeks        = reports.Label{En: "two weeks to %s", Zh: "截至 %s 的两周"}
	periodMonth         = reports.Label{En: "month to %s", Zh: "截至 %s 的一个月"}
	periodQuarter       = reports.Label{En: "quarter to %s", Zh: "截至 %s 的一个季度"}

	mgmtTitle      = reports.Label{En: "Customer report", Zh: "客户报告"}
	mktTitle       = reports.Label{En: "Customer segment lists", Zh: "客户分群名单"}
	colMeasure     = reports.Label{En: "Measure", Zh: "指标"}
	colValue       = reports.Label{En: "Now", Zh: "本次"}
	colChange      = reports.Label{En: "Change", Zh: "变化"}
	movesHead      = reports.Label{En: "Movements since the last run", Zh: "与上次运行相比的客户流动"}
	movedUp        = reports.Label{En: "moved up", Zh: "上升"}
	movedDown      = reports.Label{En: "moved down", Zh: "下降"}
	stayed         = reports.Label{En: "stayed", Zh: "不变"}
	emailNew       = reports.Label{En: "first-time buyers", Zh: "首次购买客户"}
	gone           = reports.Label{En: "no longer buying", Zh: "不再购买"}
	actionsHead    = reports.Label{En: "Top actions", Zh: "首要行动"}
	actionSaveNow  = reports.Label{En: "Save now (%s customers)", Zh: "立即挽留（%s 位客户）"}
	actionSaveNowD = reports.Label{En: "Call or write to the key and important customers who are slipping away, starting with the most value to keep (%s a year in all); the workbook's Save now sheet lists them with contacts.", Zh: "从可挽留价值最高的客户开始，联系正在流失的大客户和重要客户（合计每年 %s）；工作簿“立即挽留”表列出了他们及联系方式。"}
	// saveNowHead: the list's name.
	saveNowHead = reports.Label{En: "%s: the first customers to call", Zh: "%s：首先联系的客户"}
	// saveNowMore: rows shown, customers on the list, the list's name, where it is.
	saveNowMore       = reports.Label{En: "The %s customers above are the first of %s on the %s list; %s", Zh: "以上 %s 位客户是“%[3]s”名单 %[2]s 位客户中的前几位；%[4]s"}
	saveNowInWorkbook = reports.Label{En: "the whole list, with contacts, is on the Save now sheet of the marketing workbook.", Zh: "完整名单及联系方式见营销工作簿的“立即挽留”表。"}
	saveNowAt         = reports.Label{En: "the whole list, with contacts, is on the Save now sheet of the workbook in %s.", Zh: "完整名单及联系方式见 %s 中工作簿的“立即挽留”表。"}
	actionSeg         = reports.Label{En: "%s (%s buyers, %s of value)", Zh: "%s（%s 位购买客户，占价值 %s）"}
	closing           = reports.Label{En: "The charts behind these numbers are in the HTML report of this run (attached, or linked below when too large to attach).", Zh: "这些数字背后的图表见本次运行的 HTML 报告（已附上；文件过大时，下方给出链接）。"}
	footer            = reports.Label{En: "Sent by custseg, run %s.", Zh: "由 custseg 发送，运行编号 %s。"}
	footerNoRun       = reports.Label{En: "Sent by custseg.", Zh: "由 custseg 发送。"}

	mktIntro = reports.Label{En: "The workbook of this run holds every customer with contact details, scores, segment, value tier and churn status, ready to filter for a campaign.", Zh: "本次运行的工作簿列出每位客户的联系方式、得分、客群、价值层级和流失状态，可直接筛选用于营销活动。"}
	// mktSaveNow: customers to save, yearly value to keep, Save now sheet, customers to win back, Win back sheet.
	mktSaveNow = reports.Label{En: "%s key or important customers are slipping away, with %s a year still to keep: the sheet “%s” lists them, the most value to keep first. %s have already churned: the sheet “%s” lists them for a win-back campaign.", Zh: "%s 位大客户或重要客户正在流失，每年仍可挽留 %s：“%s”表中列出了他们，可挽留价值最高的排在最前。另有 %s 位已流失：“%s”表中列出了他们，供召回活动使用。"}
	// mktWinBack: customers to win back, Win back sheet.
	mktWinBack     = reports.Label{En: "No key or important customer is slipping away; %s have churned: the sheet “%s” lists them for a win-back campaign.", Zh: "目前没有正在流失的大客户或重要客户；%s 位已流失：“%s”表中列出了他们，供召回活动使用。"}
	mktSegHead     = reports.Label{En: "Customers per segment", Zh: "各客群的客户数"}
	colShare       = reports.Label{En: "Share of buyers", Zh: "占购买客户"}
	mktSheetsHead  = reports.Label{En: "What the workbook holds", Zh: "工作簿内容"}
	mktSegSheets   = reports.Label{En: "Segment sheets", Zh: "客群名单表"}
	mktSegSheetsIn = reports.Label{En: "These segments have a sheet of their own, the most valuable customers first:", Zh: "以下客群各有一张单独的名单表，价值最高的客户排在最前："}
	mktNoSegSheets = reports.Label{En: "No segment has a sheet of its own in this workbook: filter the column “%[2]s” of the sheet “%[1]s” instead.", Zh: "本工作簿没有单独的客群名单表：请在“%[1]s”表中筛选“%[2]s”列。"}
	mktSegSheetRow = reports.Label{En: "%s customers. %s", Zh: "%s 位客户。%s"}
	mktHowTo       = reports.Label{En: "To start a campaign: open the sheet “%[1]s”, filter the column “%[2]s” (or open a segment's own sheet) and copy the contact columns.", Zh: "开展营销活动：打开“%[1]s”表，筛选“%[2]s”列（或打开该客群的单独名单表），复制联系方式各列即可。"}
)
