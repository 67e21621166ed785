package jobs

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/internal/smtptest"
	"github.com/custseg/custseg/queries"
)

// TestSecretsNeverLeak runs the job with distinctive database and SMTP
// passwords — successfully, with a wrong password, and with failing SQL —
// and searches every byte it produced for them: logs, errors, files
// (inside the workbook's zip and the snapshot's gzip too), the history and
// every email.
func TestSecretsNeverLeak(t *testing.T) {
	tdb := loadFixture(t)
	if tdb.Kind != "mariadb" {
		t.Skip("needs a server user with a password; CI always has MariaDB")
	}
	const dbPass, smtpPass, wrongPass = "Db-7f3c9e-LEAKCHECK", "Smtp-9d2a-LEAKCHECK", "Wrong-51b0-LEAKCHECK"
	admin := tdb.Open(t)
	user := "cs_leak_" + tdb.Name[len(tdb.Name)-8:]
	for _, q := range []string{
		"CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + dbPass + "'",
		"CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + dbPass + "'",
		"GRANT SELECT ON " + tdb.Name + ".* TO '" + user + "'@'%'",
		"GRANT SELECT ON " + tdb.Name + ".* TO '" + user + "'@'localhost'",
	} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		admin.Exec("DROP USER IF EXISTS '" + user + "'@'%'")
		admin.Exec("DROP USER IF EXISTS '" + user + "'@'localhost'")
	})
	mc, err := mysql.ParseDSN(tdb.DSN)
	if err != nil {
		t.Fatal(err)
	}
	srv := smtptest.Start(t)
	cfg := deliveryConfig(t, srv)
	cfg.Email.Password = smtpPass
	cfg.Database.Host, cfg.Database.Port = "127.0.0.1", 3306
	if h, p, ok := strings.Cut(mc.Addr, ":"); ok {
		cfg.Database.Host = h
		_ = p
	}
	cfg.Database.User, cfg.Database.Password, cfg.Database.Name = user, dbPass, tdb.Name

	var logs bytes.Buffer
	out := t.TempDir()
	var errs []string
	run := func(src queries.Source, pass string) {
		cfg.Database.Password = pass
		_, err := Execute(context.Background(), cfg, Options{AsOf: asOf, OutDir: out, Queries: &src,
			Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	run(queries.Builtin(), dbPass)
	run(queries.Builtin(), wrongPass)
	bad := queries.Builtin()
	bad.Orders = queries.File{Name: "orders.sql", SQL: "SELECT broken"}
	run(bad, dbPass)
	if len(errs) != 2 {
		t.Fatalf("want the wrong-password and bad-SQL runs to fail, got %q", errs)
	}

	var haystack [][]byte
	haystack = append(haystack, logs.Bytes(), []byte(strings.Join(errs, "\n")))
	for _, m := range srv.Messages() {
		haystack = append(haystack, m.Data)
	}
	for _, root := range []string{out, cfg.Delivery.SharedFolder} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			haystack = append(haystack, b)
			switch filepath.Ext(path) {
			case ".xlsx":
				zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range zr.File {
					rc, _ := f.Open()
					inner, _ := io.ReadAll(rc)
					rc.Close()
					haystack = append(haystack, inner)
				}
			case ".gz":
				zr, err := gzip.NewReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				inner, _ := io.ReadAll(zr)
				haystack = append(haystack, inner)
			}
			return nil
		})
	}
	if len(haystack) < 10 {
		t.Fatalf("searched only %d outputs", len(haystack))
	}
	for _, secret := range []string{dbPass, smtpPass, wrongPass} {
		for i, h := range haystack {
			if bytes.Contains(h, []byte(secret)) {
				t.Errorf("output %d contains the secret %q", i, secret)
			}
		}
	}
}
