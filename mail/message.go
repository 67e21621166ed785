package mail

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// Attachment is a file attached to a message. It is read from disk when
// Send is called, before any connection is made.
type Attachment struct {
	// Name is the file name the reader sees (default: the base of Path).
	// It may be in any script; it is encoded for mail clients.
	Name string
	Path string
	// ContentType such as "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	// (default: from Name's extension, else application/octet-stream).
	ContentType string
}

// Message is one email.
type Message struct {
	To      []string
	Subject string
	// HTML is the rich body; "" sends the plain text alone.
	HTML string
	// Text is the plain-text body (the alternative to HTML); required.
	Text        string
	Attachments []Attachment
	// MessageID, when set, is the Message-ID without angle brackets
	// ("custseg.1f2e3d@shop.example"); "" makes a random one. A caller
	// that may send the same message again after a crash gives it a
	// fixed one, so that mail clients show one message.
	MessageID string
}

// build turns msg into a go-mail message with every attachment in memory.
// Any error is permanent: nothing about it changes by retrying.
func (s *Sender) build(msg Message) (*gomail.Msg, error) {
	if len(msg.To) == 0 {
		return nil, errors.New("message has no recipients")
	}
	if strings.TrimSpace(msg.Text) == "" {
		return nil, errors.New("message has no plain-text body")
	}
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := m.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("email.from: %w", err)
	}
	if err := m.To(msg.To...); err != nil {
		return nil, fmt.Errorf("recipients %s: %w", strings.Join(msg.To, ", "), err)
	}
	m.Subject(msg.Subject)
	// Fixed once, so that a retried message is the same message.
	m.SetDate()
	if msg.MessageID != "" {
		if strings.ContainsAny(msg.MessageID, "<> \t\r\n") || !strings.Contains(msg.MessageID, "@") {
			return nil, fmt.Errorf("message id %q: want left@right, without angle brackets or spaces", msg.MessageID)
		}
		m.SetMessageIDWithValue(msg.MessageID)
	} else {
		m.SetMessageID()
	}
	m.SetUserAgent("custseg")
	// RFC 3834: no vacation replies to a scheduled job.
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetBodyString(gomail.TypeTextPlain, msg.Text)
	if msg.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	}
	for _, a := range msg.Attachments {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			return nil, fmt.Errorf("attachment: %w", err)
		}
		name := a.Name
		if name == "" {
			name = filepath.Base(a.Path)
		}
		name = cleanName(name)
		opts := []gomail.FileOption{withDisposition(name)}
		if a.ContentType != "" {
			if _, _, err := mime.ParseMediaType(a.ContentType); err != nil {
				return nil, fmt.Errorf("attachment %s: content type %q: %w", a.Path, a.ContentType, err)
			}
			opts = append(opts, gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
		}
		if err := m.AttachReader(name, bytes.NewReader(data), opts...); err != nil {
			return nil, fmt.Errorf("attachment %s: %w", a.Path, err)
		}
	}
	return m, nil
}

// withDisposition sets Content-Disposition with the RFC 2231 filename*
// parameter for names outside ASCII, which mail clients and Go's
// mime/multipart read; go-mail's Content-Type name= keeps the RFC 2047 form
// older clients look at.
func withDisposition(name string) gomail.FileOption {
	return func(f *gomail.File) {
		v := mime.FormatMediaType("attachment", map[string]string{"filename": name})
		if v != "" {
			f.Header.Set("Content-Disposition", v)
		}
	}
}

// cleanName keeps the last path element of name and replaces characters that
// are unsafe in a header or a file name.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return '_'
		case strings.ContainsRune(`"/:<>?\|*`, r):
			return '_'
		}
		return r
	}, name)
}

// Size returns the size in bytes of msg as it goes out: headers, both
// bodies and every attachment encoded (base64 makes a file about 4/3 of
// its size, plus a line break every 76 characters). It builds the message
// exactly as Send does, so it reads the attachments; a message that cannot
// be built returns Send's error.
func (s *Sender) Size(msg Message) (int64, error) {
	m, err := s.build(msg)
	if err != nil {
		return 0, err
	}
	var c byteCounter
	if _, err := m.WriteTo(&c); err != nil {
		return 0, err
	}
	return int64(c), nil
}

// byteCounter is an io.Writer that counts what is written to it.
type byteCounter int64

func (c *byteCounter) Write(p []byte) (int, error) {
	*c += byteCounter(len(p))
	return len(p), nil
}

// EncodedLen returns the size of n bytes encoded in base64 with a CRLF
// after every 76 characters, as an attachment travels: the least a file of
// n bytes adds to a message.
func EncodedLen(n int64) int64 {
	if n <= 0 {
		return 0
	}
	b64 := 4 * ((n + 2) / 3)
	return b64 + 2*((b64+75)/76)
}
