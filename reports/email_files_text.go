package reports

// Texts of the note on the files an email links instead of attaching
// (NotAttachedNote).
var (
	emailNotAttached = Label{"Not attached, too large:", "未作为附件发送（文件过大）："}
	// emailNotAttachedFile: file name, MB as an attachment, the limit in MB, where it is.
	emailNotAttachedFile = Label{"%s (%s MB as an attachment; the message would be over the %s MB limit): %s",
		"%s（作为附件为 %s MB，邮件将超过 %s MB 的上限）：%s"}
)
