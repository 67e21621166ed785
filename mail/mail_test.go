package mail

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/custseg/custseg/config"
)

const (
	testFrom = "客户分群报表 <reports@shop.example>"
	testUser = "reports@shop.example"
	testPass = "s3cret-密码"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

var testTo = []string{"boss@shop.example", "marketing@shop.example", "Li Lei <lilei@shop.example>"}

// newSender returns a Sender for srv with fast retries; edit changes the
// config first.
func newSender(t *testing.T, srv *testServer, edit func(*Config)) *Sender {
	t.Helper()
	cfg := Config{
		Host:         "127.0.0.1",
		Security:     SecurityNone,
		From:         testFrom,
		Timeout:      5 * time.Second,
		Retries:      2,
		RetryBackoff: 5 * time.Millisecond,
		TLSConfig:    clientTLS(t),
	}
	if srv != nil {
		cfg.Port = srv.port
		cfg.Security = srv.opts.mode
		if srv.opts.user != "" {
			cfg.Username, cfg.Password = srv.opts.user, srv.opts.pass
		}
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg, slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type testFile struct {
	name, ctype string // as sent
	wantType    string // media type the reader sees
	data        []byte
}

// testFiles writes attachments to a temp folder.
func testFiles(t *testing.T) ([]Attachment, []testFile) {
	t.Helper()
	dir := t.TempDir()
	r := rand.New(rand.NewChaCha8([32]byte{1}))
	xlsx := make([]byte, 200_000)
	for i := range xlsx {
		xlsx[i] = byte(r.Uint32())
	}
	// Lines that stress SMTP framing: a lone dot, CRLF, NUL.
	xlsx = append(xlsx, []byte("\r\n.\r\n..\r\n\x00")...)
	files := []testFile{
		{name: "客户名单 2024-06-03.xlsx", ctype: xlsxType, wantType: xlsxType, data: xlsx},
		{name: "report.html", ctype: "text/html; charset=utf-8", wantType: "text/html",
			data: []byte("<!doctype html><p>报告</p>\n.\n")},
		{name: "quality.csv", wantType: "text/csv", data: []byte("rule,count\nrefund,3\n")},
	}
	var atts []Attachment
	for i, f := range files {
		path := filepath.Join(dir, "file"+string(rune('a'+i)))
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			t.Fatal(err)
		}
		atts = append(atts, Attachment{Name: f.name, Path: path, ContentType: f.ctype})
	}
	return atts, files
}

const (
	testSubject = "客户分群周报 2024-06-03: 12 位高价值客户有流失风险"
	testText    = "本周概要\nChampions: 1,204\n.\nA line that starts with a dot follows.\n.hidden\n"
	testHTML    = "<html><body><h1>本周概要</h1><p>Champions: <b>1,204</b></p></body></html>"
)

// parsed is a received message, decoded as a mail client would.
type parsed struct {
	header      mail.Header
	subject     string
	text, html  string
	attachments []parsedFile
	structure   []string // media types in order, nested ones indented
}

type parsedFile struct {
	name, typeName string // Content-Disposition filename, Content-Type name
	mediaType      string
	data           []byte
}

func parseMessage(t *testing.T, data []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("received message does not parse: %v\n%s", err, data)
	}
	var p parsed
	p.header = m.Header
	dec := new(mime.WordDecoder)
	if p.subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatalf("Subject %q: %v", m.Header.Get("Subject"), err)
	}
	walkPart(t, &p, textproto.MIMEHeader(m.Header), m.Body, "")
	return p
}

func walkPart(t *testing.T, p *parsed, h textproto.MIMEHeader, body io.Reader, indent string) {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	p.structure = append(p.structure, indent+mediaType)
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			walkPart(t, p, part.Header, part, indent+"  ")
		}
	}
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("%s part: %v", mediaType, err)
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	if disp == "attachment" {
		typeName, err := new(mime.WordDecoder).DecodeHeader(params["name"])
		if err != nil {
			t.Fatalf("Content-Type name %q: %v", params["name"], err)
		}
		p.attachments = append(p.attachments, parsedFile{name: dparams["filename"], typeName: typeName,
			mediaType: mediaType, data: data})
		return
	}
	if cs := params["charset"]; !strings.EqualFold(cs, "utf-8") {
		t.Errorf("%s part: charset %q, want UTF-8", mediaType, cs)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	switch mediaType {
	case "text/plain":
		p.text = text
	case "text/html":
		p.html = text
	default:
		t.Errorf("unexpected inline part %s", mediaType)
	}
}

// checkMessage checks a received message against what was sent.
func checkMessage(t *testing.T, got received, msg Message, files []testFile) {
	t.Helper()
	if got.from != "reports@shop.example" {
		t.Errorf("MAIL FROM %q", got.from)
	}
	wantRcpt := []string{"boss@shop.example", "marketing@shop.example", "lilei@shop.example"}[:len(msg.To)]
	if strings.Join(got.to, " ") != strings.Join(wantRcpt, " ") {
		t.Errorf("RCPT TO %q, want %q", got.to, wantRcpt)
	}
	p := parseMessage(t, got.data)
	from, err := p.header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "客户分群报表" || from[0].Address != "reports@shop.example" {
		t.Errorf("From %q: %v %v", p.header.Get("From"), from, err)
	}
	to, err := p.header.AddressList("To")
	if err != nil {
		t.Fatalf("To %q: %v", p.header.Get("To"), err)
	}
	var toAddrs []string
	for _, a := range to {
		toAddrs = append(toAddrs, a.Address)
	}
	if strings.Join(toAddrs, " ") != strings.Join(wantRcpt, " ") {
		t.Errorf("To %q, want %q", toAddrs, wantRcpt)
	}
	if p.subject != msg.Subject {
		t.Errorf("Subject %q, want %q (raw %q)", p.subject, msg.Subject, p.header.Get("Subject"))
	}
	for _, h := range []string{"Date", "Message-Id", "Mime-Version"} {
		if p.header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	if _, err := p.header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	if p.header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("Auto-Submitted %q", p.header.Get("Auto-Submitted"))
	}
	if p.text != strings.ReplaceAll(msg.Text, "\r\n", "\n") {
		t.Errorf("text part %q, want %q", p.text, msg.Text)
	}
	if p.html != msg.HTML {
		t.Errorf("html part %q, want %q", p.html, msg.HTML)
	}
	if len(p.attachments) != len(files) {
		t.Fatalf("%d attachments, want %d; structure %q", len(p.attachments), len(files), p.structure)
	}
	for i, f := range files {
		a := p.attachments[i]
		if a.name != f.name || a.typeName != f.name {
			t.Errorf("attachment %d: filename %q, name %q, want %q", i, a.name, a.typeName, f.name)
		}
		if a.mediaType != f.wantType {
			t.Errorf("attachment %s: type %q, want %q", f.name, a.mediaType, f.wantType)
		}
		if !bytes.Equal(a.data, f.data) {
			t.Errorf("attachment %s: %d bytes differ from the %d-byte file", f.name, len(a.data), len(f.data))
		}
	}
}

func TestSendContent(t *testing.T) {
	atts, files := testFiles(t)
	tests := []struct {
		name      string
		msg       Message
		files     []testFile
		structure []string
	}{
		{"text only", Message{To: testTo[:1], Subject: "plain", Text: testText}, nil,
			[]string{"text/plain"}},
		{"text and html", Message{To: testTo, Subject: testSubject, Text: testText, HTML: testHTML}, nil,
			[]string{"multipart/alternative", "  text/plain", "  text/html"}},
		{"text and attachments", Message{To: testTo[:2], Subject: testSubject, Text: testText, Attachments: atts[2:]},
			files[2:], []string{"multipart/mixed", "  text/plain", "  text/csv"}},
		{"text, html and attachments", Message{To: testTo, Subject: testSubject, Text: testText, HTML: testHTML,
			Attachments: atts}, files, []string{"multipart/mixed", "  multipart/alternative", "    text/plain",
			"    text/html", "  " + xlsxType, "  text/html", "  text/csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, serverOptions{mode: modeNone})
			if err := newSender(t, srv, nil).Send(t.Context(), tt.msg); err != nil {
				t.Fatal(err)
			}
			got := srv.received()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			checkMessage(t, got[0], tt.msg, tt.files)
			if s := parseMessage(t, got[0].data).structure; strings.Join(s, "|") != strings.Join(tt.structure, "|") {
				t.Errorf("MIME structure %q, want %q", s, tt.structure)
			}
		})
	}
}

func TestSendSecurity(t *testing.T) {
	atts, files := testFiles(t)
	msg := Message{To: testTo, Subject: testSubject, Text: testText, HTML: testHTML, Attachments: atts}
	tests := []struct {
		name   string
		server serverOptions
		edit   func(*Config)
		// wantErr: "" for success, else a substring of the permanent error.
		wantErr string
		auths   int // AUTH exchanges the server must see
	}{
		{name: "none", server: serverOptions{mode: modeNone}},
		{name: "none, auth", server: serverOptions{mode: modeNone, user: testUser, pass: testPass}, auths: 1},
		{name: "starttls", server: serverOptions{mode: modeStartTLS}},
		{name: "starttls, auth", server: serverOptions{mode: modeStartTLS, user: testUser, pass: testPass}, auths: 1},
		{name: "tls", server: serverOptions{mode: modeTLS}},
		{name: "tls, auth", server: serverOptions{mode: modeTLS, user: testUser, pass: testPass}, auths: 1},
		{name: "none, wrong password", server: serverOptions{mode: modeNone, user: testUser, pass: testPass},
			edit: func(c *Config) { c.Password = "wrong" }, wantErr: "535", auths: 1},
		{name: "starttls, wrong password", server: serverOptions{mode: modeStartTLS, user: testUser, pass: testPass},
			edit: func(c *Config) { c.Password = "wrong" }, wantErr: "Authentication failed", auths: 1},
		{name: "tls, wrong password", server: serverOptions{mode: modeTLS, user: testUser, pass: testPass},
			edit: func(c *Config) { c.Password = "wrong" }, wantErr: "5.7.8 Authentication failed", auths: 1},
		{name: "starttls, server offers no STARTTLS", server: serverOptions{mode: modeNone},
			edit: func(c *Config) { c.Security = SecurityStartTLS }, wantErr: "STARTTLS"},
		{name: "starttls, untrusted certificate", server: serverOptions{mode: modeStartTLS},
			edit: func(c *Config) { c.TLSConfig = nil }, wantErr: "certificate"},
		{name: "tls, untrusted certificate", server: serverOptions{mode: modeTLS},
			edit: func(c *Config) { c.TLSConfig = nil }, wantErr: "certificate"},
		{name: "tls, wrong host name", server: serverOptions{mode: modeTLS},
			edit: func(c *Config) { c.TLSConfig.ServerName = "smtp.shop.example" }, wantErr: "certificate"},
		{name: "tls against a plain server", server: serverOptions{mode: modeNone},
			edit: func(c *Config) { c.Security = SecurityTLS }, wantErr: "tls"},
		{name: "auth, server offers none", server: serverOptions{mode: modeStartTLS},
			edit: func(c *Config) { c.Username, c.Password = testUser, testPass }, wantErr: "AUTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, tt.server)
			err := newSender(t, srv, tt.edit).Send(t.Context(), msg)
			conns, auths, mails, _, msgs := srv.counts()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				got := srv.received()
				if len(got) != 1 {
					t.Fatalf("server received %d messages, want 1", len(got))
				}
				if wantTLS := tt.server.mode != modeNone; got[0].tls != wantTLS {
					t.Errorf("message came over TLS: %v, want %v", got[0].tls, wantTLS)
				}
				checkMessage(t, got[0], msg, files)
			} else {
				var e *Error
				if !errors.As(err, &e) || !errors.Is(err, ErrPermanent) || errors.Is(err, ErrTransient) {
					t.Fatalf("error %v (%T), want a permanent *Error", err, err)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not contain %q", err, tt.wantErr)
				}
				if e.Attempts != 1 || conns != 1 {
					t.Errorf("%d attempts, %d connections: a permanent failure must not be retried", e.Attempts, conns)
				}
				if mails != 0 || msgs != 0 {
					t.Errorf("server saw %d MAIL commands and %d messages, want none", mails, msgs)
				}
			}
			if auths != tt.auths {
				t.Errorf("server saw %d AUTH exchanges, want %d", auths, tt.auths)
			}
		})
	}
}

func TestSendServerReplies(t *testing.T) {
	tempFail := smtpErr(451, smtp.EnhancedCode{4, 3, 0}, "Queue full, try again later")
	tests := []struct {
		name    string
		server  serverOptions
		retries int
		// wantCode 0: success; else the *Error's code.
		wantCode      int
		wantPermanent bool
		wantText      string
		attempts      int // connections the server sees
		messages      int // messages the server keeps
	}{
		{name: "451 twice, then accepted",
			server:  serverOptions{onData: func(n int) error { return failFirst(n, 2, tempFail) }},
			retries: 3, attempts: 3, messages: 1},
		{name: "451 at MAIL once, then accepted",
			server:  serverOptions{onMail: func(n int) error { return failFirst(n, 1, tempFail) }},
			retries: 1, attempts: 2, messages: 1},
		{name: "451 past the retries",
			server:  serverOptions{onData: func(int) error { return tempFail }},
			retries: 2, wantCode: 451, wantText: "Queue full, try again later", attempts: 3},
		{name: "550 at RCPT",
			server: serverOptions{onRcpt: func(to string) error {
				if to == "marketing@shop.example" {
					return smtpErr(550, smtp.EnhancedCode{5, 1, 1}, "No such user here")
				}
				return nil
			}},
			retries: 3, wantCode: 550, wantPermanent: true, wantText: "5.1.1 No such user here", attempts: 1},
		{name: "554 at end of DATA",
			server:  serverOptions{onData: func(int) error { return smtpErr(554, smtp.EnhancedCode{5, 6, 0}, "Message rejected as spam") }},
			retries: 3, wantCode: 554, wantPermanent: true, wantText: "Message rejected as spam", attempts: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.server.mode = modeNone
			srv := startServer(t, tt.server)
			s := newSender(t, srv, func(c *Config) { c.Retries = tt.retries })
			err := s.Send(t.Context(), Message{To: testTo, Subject: testSubject, Text: testText})
			conns, _, _, _, msgs := srv.counts()
			if tt.wantCode == 0 {
				if err != nil {
					t.Fatal(err)
				}
			} else {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %v (%T), want *Error", err, err)
				}
				if e.Code != tt.wantCode || e.Permanent != tt.wantPermanent ||
					errors.Is(err, ErrPermanent) != tt.wantPermanent || errors.Is(err, ErrTransient) == tt.wantPermanent {
					t.Errorf("error %v: code %d permanent %v, want %d %v", err, e.Code, e.Permanent, tt.wantCode, tt.wantPermanent)
				}
				if !strings.Contains(err.Error(), tt.wantText) {
					t.Errorf("error %q does not contain the server's reply %q", err, tt.wantText)
				}
				if e.Attempts != tt.attempts {
					t.Errorf("error says %d attempts, want %d", e.Attempts, tt.attempts)
				}
			}
			if conns != tt.attempts || msgs != tt.messages {
				t.Errorf("server saw %d connections and kept %d messages, want %d and %d",
					conns, msgs, tt.attempts, tt.messages)
			}
		})
	}
}

// failFirst returns err for the first k calls (n counts from 1), then nil.
func failFirst(n, k int, err error) error {
	if n <= k {
		return err
	}
	return nil
}

// A connection that breaks while the message is being written is retried,
// and the retry sends the whole message again, not what was left of it.
func TestSendCutMidData(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 8<<20)
	r := rand.New(rand.NewChaCha8([32]byte{2}))
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	path := filepath.Join(dir, "big.xlsx")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, serverOptions{mode: modeNone, cutData: func(n int) bool { return n == 1 }})
	msg := Message{To: testTo, Subject: testSubject, Text: testText, HTML: testHTML,
		Attachments: []Attachment{{Name: "客户名单.xlsx", Path: path, ContentType: xlsxType}}}
	if err := newSender(t, srv, nil).Send(t.Context(), msg); err != nil {
		t.Fatal(err)
	}
	conns, _, _, datas, msgs := srv.counts()
	if conns != 2 || datas != 2 || msgs != 1 {
		t.Fatalf("server saw %d connections, %d DATA, kept %d messages; want 2, 2, 1", conns, datas, msgs)
	}
	checkMessage(t, srv.received()[0], msg, []testFile{{name: "客户名单.xlsx", wantType: xlsxType, data: big}})
}

func TestSendServerDown(t *testing.T) {
	port := closedPort(t)
	down := func(retries int, backoff time.Duration) *Sender {
		return newSender(t, nil, func(c *Config) { c.Port, c.Retries, c.RetryBackoff = port, retries, backoff })
	}
	msg := Message{To: testTo, Subject: "x", Text: "x"}

	t.Run("retries then transient", func(t *testing.T) {
		start := time.Now()
		err := down(2, 10*time.Millisecond).Send(t.Context(), msg)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrTransient) || errors.Is(err, ErrPermanent) {
			t.Fatalf("error %v, want a transient *Error", err)
		}
		if e.Attempts != 3 {
			t.Errorf("%d attempts, want 1 + 2 retries", e.Attempts)
		}
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("error %v does not wrap ECONNREFUSED", err)
		}
		// Backoff 10 ms then 20 ms.
		if d := time.Since(start); d < 30*time.Millisecond {
			t.Errorf("returned after %v, before the backoff (30ms) ran", d)
		}
	})

	t.Run("bounded by ctx", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := down(1000, 5*time.Millisecond).Send(ctx, msg)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("returned after %v; the context ended after 150ms", d)
		}
		if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrTransient) {
			t.Errorf("error %v, want transient and context.DeadlineExceeded", err)
		}
	})

	t.Run("cancelled mid-backoff", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		err := down(3, time.Hour).Send(ctx, msg)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("returned after %v; cancelled after 50ms in a 1h backoff", d)
		}
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, context.Canceled) || !errors.Is(err, ErrTransient) || e.Attempts != 1 {
			t.Errorf("error %v, want transient, context.Canceled, 1 attempt", err)
		}
	})
}

func TestSendCancelledMidSession(t *testing.T) {
	release := make(chan struct{})
	srv := startServer(t, serverOptions{mode: modeNone, onMail: func(int) error {
		<-release // stall MAIL FROM until the test ends
		return errStalled
	}})
	t.Cleanup(func() { close(release) })
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := newSender(t, srv, func(c *Config) { c.Timeout = time.Minute }).Send(ctx,
		Message{To: testTo, Subject: "x", Text: "x"})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v; cancelled after 100ms", d)
	}
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrTransient) {
		t.Errorf("error %v, want transient and context.Canceled", err)
	}
	if _, _, _, _, msgs := srv.counts(); msgs != 0 {
		t.Errorf("server kept %d messages", msgs)
	}
}

func TestSendBeforeDialling(t *testing.T) {
	atts, _ := testFiles(t)
	missing := append(append([]Attachment(nil), atts...), Attachment{Name: "gone.xlsx", Path: filepath.Join(t.TempDir(), "gone.xlsx")})
	tests := []struct {
		name    string
		msg     Message
		wantErr string
		is      error
	}{
		{"missing attachment", Message{To: testTo, Subject: "x", Text: "x", Attachments: missing}, "gone.xlsx", fs.ErrNotExist},
		{"bad recipient", Message{To: []string{"boss@shop.example", "not an address"}, Subject: "x", Text: "x"}, "not an address", nil},
		{"no recipients", Message{Subject: "x", Text: "x"}, "no recipients", nil},
		{"no text", Message{To: testTo, Subject: "x", HTML: "<p>x</p>"}, "plain-text", nil},
		{"bad content type", Message{To: testTo, Subject: "x", Text: "x",
			Attachments: []Attachment{{Path: atts[0].Path, ContentType: "not a type;;"}}}, "content type", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, serverOptions{mode: modeNone})
			err := newSender(t, srv, nil).Send(t.Context(), tt.msg)
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrPermanent) || e.Attempts != 0 {
				t.Fatalf("error %v, want a permanent *Error with 0 attempts", err)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if conns, _, _, _, _ := srv.counts(); conns != 0 {
				t.Errorf("server saw %d connections, want none", conns)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name      string
		server    serverOptions
		edit      func(*Config)
		down      bool
		wantErr   error // nil, ErrPermanent or ErrTransient
		wantCode  int
		wantAuths int
	}{
		{name: "starttls, good credentials", server: serverOptions{mode: modeStartTLS, user: testUser, pass: testPass}, wantAuths: 1},
		{name: "tls, good credentials", server: serverOptions{mode: modeTLS, user: testUser, pass: testPass}, wantAuths: 1},
		{name: "none, no auth", server: serverOptions{mode: modeNone}},
		{name: "starttls, bad credentials", server: serverOptions{mode: modeStartTLS, user: testUser, pass: testPass},
			edit: func(c *Config) { c.Password = "nope" }, wantErr: ErrPermanent, wantCode: 535, wantAuths: 1},
		{name: "tls, bad user", server: serverOptions{mode: modeTLS, user: testUser, pass: testPass},
			edit: func(c *Config) { c.Username = "someone@shop.example" }, wantErr: ErrPermanent, wantCode: 535, wantAuths: 1},
		{name: "server down", server: serverOptions{mode: modeNone}, down: true, wantErr: ErrTransient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, tt.server)
			edit := tt.edit
			if tt.down {
				port := closedPort(t)
				edit = func(c *Config) { c.Port = port }
			}
			err := newSender(t, srv, edit).Check(t.Context())
			_, auths, mails, _, _ := srv.counts()
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
			} else {
				var e *Error
				if !errors.As(err, &e) || !errors.Is(err, tt.wantErr) || e.Code != tt.wantCode {
					t.Fatalf("error %v, want %v with code %d", err, tt.wantErr, tt.wantCode)
				}
			}
			if auths != tt.wantAuths || mails != 0 {
				t.Errorf("server saw %d AUTH and %d MAIL, want %d and 0", auths, mails, tt.wantAuths)
			}
		})
	}
}

func TestNew(t *testing.T) {
	good := Config{Host: "smtp.shop.example", From: "reports@shop.example"}
	tests := []struct {
		name     string
		edit     func(*Config)
		wantErr  string
		wantPort int
	}{
		{name: "defaults", wantPort: 587},
		{name: "tls default port", edit: func(c *Config) { c.Security = SecurityTLS }, wantPort: 465},
		{name: "none default port", edit: func(c *Config) { c.Security = SecurityNone }, wantPort: 25},
		{name: "explicit port", edit: func(c *Config) { c.Port = 2525 }, wantPort: 2525},
		{name: "no host", edit: func(c *Config) { c.Host = "" }, wantErr: "email.host"},
		{name: "bad security", edit: func(c *Config) { c.Security = "ssl" }, wantErr: "email.security"},
		{name: "bad port", edit: func(c *Config) { c.Port = 70000 }, wantErr: "email.port"},
		{name: "bad from", edit: func(c *Config) { c.From = "reports" }, wantErr: "email.from"},
		{name: "negative retries", edit: func(c *Config) { c.Retries = -1 }, wantErr: "retries"},
		{name: "password in plain text to another host",
			edit:    func(c *Config) { c.Security, c.Username = SecurityNone, "u" },
			wantErr: "unencrypted"},
		{name: "password in plain text to loopback",
			edit:     func(c *Config) { c.Host, c.Security, c.Username = "localhost", SecurityNone, "u" },
			wantPort: 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			if tt.edit != nil {
				tt.edit(&cfg)
			}
			s, err := New(cfg, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one naming %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.cfg.Port != tt.wantPort || s.cfg.Timeout != DefaultTimeout {
				t.Errorf("port %d timeout %v, want %d %v", s.cfg.Port, s.cfg.Timeout, tt.wantPort, DefaultTimeout)
			}
			if s.cfg.TLSConfig.ServerName != cfg.Host || s.cfg.TLSConfig.InsecureSkipVerify {
				t.Errorf("TLS config %+v", s.cfg.TLSConfig)
			}
		})
	}
}

func TestFromConfig(t *testing.T) {
	e := config.Default().Email
	e.Host, e.Username, e.Password, e.From = "smtp.shop.example", "u", "p", "reports@shop.example"
	got := FromConfig(e)
	want := Config{Host: "smtp.shop.example", Port: 587, Security: "starttls", Username: "u", Password: "p",
		From: "reports@shop.example", Timeout: 30 * time.Second, FinalReplyTimeout: 10 * time.Minute, Retries: 3,
		RetryBackoff: 10 * time.Second}
	if got != want {
		t.Errorf("FromConfig = %+v, want %+v", got, want)
	}
}
