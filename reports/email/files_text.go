package email

import (
	"github.com/custseg/custseg/reports"
)

// Texts of the note on the files an email links instead of attaching
// (NotAttachedNote).
var (
	notAttached = reports.Label{En: "Not attached, too large:", Zh: "未作为附件发送（文件过大）："}
	// notAttachedFile: file name, MB as an attachment, the limit in
	// MB; where it is follows on the next line.
	notAttachedFile = reports.Label{En: "%s (%s MB as an attachment; the message would be over the %s MB limit):",
		Zh: "%s（作为附件为 %s MB，邮件将超过 %s MB 的上限）："}
)

// The marketing email when the customer list is a CSV file of the run
// rather than a sheet of the workbook (outputs.customer_list: csv.gz).
var (
	// mktIntroCSV: where the CSV file is (emailMktCSVInFolder or emailMktCSVAt).
	mktIntroCSV = reports.Label{En: "The customer list of this run, every customer with contact details, scores, segment, value tier and churn status, is a CSV file (customers-<as-of date>.csv.gz) %s, not a sheet of the workbook; the workbook holds the lists and analyses below.",
		Zh: "本次运行的客户名单（每位客户的联系方式、得分、客群、价值层级和流失状态）是一个 CSV 文件（customers-<截止日期>.csv.gz），%s，不在工作簿中；工作簿包含下列名单与分析。"}
	mktCSVInFolder    = reports.Label{En: "in the run's folder, beside the workbook", Zh: "位于本次运行的文件夹中、工作簿旁"}
	mktCSVAt          = reports.Label{En: "in %s", Zh: "位于 %s"}
	mktNoSegSheetsCSV = reports.Label{En: "No segment has a sheet of its own in this workbook: filter the column “segment” of the customer list (CSV) instead.", Zh: "本工作簿没有单独的客群名单表：请在客户名单（CSV）中筛选“segment”列。"}
	mktHowToCSV       = reports.Label{En: "To start a campaign: open the customer list (CSV), filter the column “segment” (or open a segment's own sheet of the workbook) and copy the contact columns.", Zh: "开展营销活动：打开客户名单（CSV），筛选“segment”列（或打开工作簿中该客群的单独名单表），复制联系方式各列即可。"}
)
