// Package embedded runs an in-process MySQL-compatible server
// (github.com/dolthub/go-mysql-server with its in-memory storage) on
// 127.0.0.1: the database of `custseg demo` and the fallback of the tests
// when no MariaDB/MySQL answers (internal/testdb).
//
// Only the demo command's engine file (cmd/custseg, build tag demo) and
// tests import embedded, so the production binary links none of
// go-mysql-server, vitess, wazero, grpc or logrus. embedded imports nothing
// of the project.
package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/memory"
	"github.com/dolthub/go-mysql-server/server"
	gmssql "github.com/dolthub/go-mysql-server/sql"
	_ "github.com/go-sql-driver/mysql" // the driver DSN() is written for
	"github.com/sirupsen/logrus"
)

// Server is an in-process MySQL-compatible server (go-mysql-server with its
// in-memory storage) holding one database. Its data lives as long as the
// process and is lost on Close.
type Server struct {
	addr   string
	dbName string
	srv    *server.Server
	engine *sqle.Engine
	done   chan struct{} // closed when the accept loop returns
	once   sync.Once
}

// Start starts an embedded server for database dbName on 127.0.0.1
// at a free port and returns once it answers a ping. User root, no
// password. ctx bounds the start only; the server runs until Close.
//
// go-mysql-server logs through logrus's standard logger; Start
// silences it for the whole process.
func Start(ctx context.Context, dbName string) (*Server, error) {
	if dbName == "" {
		return nil, errors.New("demo: start server: empty database name")
	}
	logrus.SetOutput(io.Discard)
	logrus.SetLevel(logrus.ErrorLevel)

	db := memory.NewDatabase(dbName)
	pro := memory.NewDBProvider(db)
	engine := sqle.NewDefault(pro)

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: start server: %w", err)
	}
	addr := ln.Addr().String()
	cfg := server.Config{Protocol: "tcp", Address: addr, Listener: ln}
	srv, err := server.NewServer(cfg, engine, gmssql.NewContext, memory.NewSessionBuilder(pro), nil)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("demo: start server: %w", err)
	}
	s := &Server{addr: addr, dbName: dbName, srv: srv, engine: engine, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		_ = srv.Start() // returns when the listener closes
	}()
	if err := s.waitReady(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("demo: start server: %w", err)
	}
	return s, nil
}

// waitReady pings the server until it answers or ctx ends.
func (s *Server) waitReady(ctx context.Context) error {
	db, err := sql.Open("mysql", s.DSN())
	if err != nil {
		return err
	}
	defer db.Close()
	for {
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err := db.PingContext(pctx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not ready: %w (last error: %v)", ctx.Err(), err)
		case <-s.done:
			return fmt.Errorf("stopped before it was ready: %w", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Addr returns the server's host:port, e.g. "127.0.0.1:41234".
func (s *Server) Addr() string { return s.addr }

// DSN returns a go-sql-driver/mysql DSN for the server's database as root,
// with DATETIME values read as time.Time in UTC.
func (s *Server) DSN() string {
	return "root@tcp(" + s.addr + ")/" + s.dbName + "?parseTime=true&loc=UTC"
}

// Close stops accepting connections and releases the engine. Connections
// still open are not waited for. Close is safe to call more than once.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		err = s.srv.Close()
		// The engine stops its background threads by cancelling their
		// context, and reports that cancellation as its result.
		if cerr := s.engine.Close(); cerr != nil && !errors.Is(cerr, context.Canceled) {
			err = errors.Join(err, cerr)
		}
		<-s.done
	})
	return err
}
