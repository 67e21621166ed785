package writebackdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/config"
)

// Open connects to the write-back server (writeback.dsn) and pings it
// within database.connect_timeout, refusing a writeback.schema that is not
// a plain name or that is the source database (sourceDSN, or the database
// section when it is ""). schema is writeback.schema quoted for statements.
func Open(ctx context.Context, cfg *config.Config, sourceDSN string) (db *sql.DB, schema string, err error) {
	w := cfg.Writeback
	schema, err = quoteIdent(w.Schema)
	if err != nil {
		return nil, "", fmt.Errorf("writeback.schema: %w", err)
	}
	if src, err := cfg.Database.DriverConfig(sourceDSN); err == nil && strings.EqualFold(src.DBName, w.Schema) {
		return nil, "", fmt.Errorf("writeback.schema %q is the source database, which custseg only reads", w.Schema)
	}
	mc, err := config.ParseDSN("writeback.dsn", w.DSN)
	if err != nil {
		return nil, "", err
	}
	// Go times are written as UTC wall times; nothing of ours runs as
	// several statements.
	mc.ParseTime, mc.Loc, mc.MultiStatements = true, time.UTC, false
	if mc.Timeout == 0 {
		mc.Timeout = cfg.Database.ConnectTimeout
	}
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, "", fmt.Errorf("connect %s: %w", mc.Addr, err)
	}
	db = sql.OpenDB(conn)
	db.SetMaxOpenConns(2)
	pctx, cancel := context.WithTimeout(ctx, cfg.Database.ConnectTimeout)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, "", fmt.Errorf("connect %s: %w", mc.Addr, err)
	}
	return db, schema, nil
}

// quoteIdent quotes a database or table name with backticks after checking
// that it is a plain one.
func quoteIdent(name string) (string, error) {
	if !config.PlainIdentifier(name) {
		return "", fmt.Errorf("%q is not a plain name (letters, digits, _ and $, at most 64)", name)
	}
	return "`" + name + "`", nil
}
