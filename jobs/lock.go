package jobs

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/go-sql-driver/mysql"

	"github.com/custseg/custseg/config"
)

// ErrLockHeld means another scheduler (or another run of this one) holds
// the job's lock: this fire is skipped here.
var ErrLockHeld = errors.New("the job's lock is held by another scheduler")

// maxLockName is MySQL's limit on a user-level lock name.
const maxLockName = 64

// MySQLLocker is a gocron.Locker backed by the database's user-level locks:
// Lock takes GET_LOCK(name, 0) on a connection of its own and keeps that
// connection for as long as the lock is held; Unlock runs RELEASE_LOCK and
// closes the connection. A scheduler that dies loses its connection, and
// the server releases the lock with it.
//
// User-level locks belong to the server, not to a database, so every
// scheduler that must not run a job twice has to point at the same server
// (the same primary or the same replica). The lock name carries the
// database name so that two shops on one server do not block each other.
//
// Works on MySQL, MariaDB and go-mysql-server (the embedded engine of
// `custseg demo`), which all release a connection's locks when it closes.
type MySQLLocker struct {
	db    *sql.DB
	scope string
	// KeepAlive is how often a held lock's connection is pinged, so that a
	// short wait_timeout on the server does not end the session (and free
	// the lock) in the middle of a long run. 0 disables it.
	KeepAlive time.Duration
	// MinHold is the least time a lock stays held after it was taken: a run
	// shorter than that releases it in the background when MinHold has
	// passed, so a replica whose fire comes late (clock skew, a busy
	// machine) still finds the lock held and skips, instead of running the
	// same fire a second time. It must be shorter than a job's interval.
	MinHold time.Duration
	Logger  *slog.Logger
}

var _ gocron.Locker = (*MySQLLocker)(nil)

// NewMySQLLocker returns a locker on db, which it owns from then on: it
// keeps no idle connections, so that a closed lock connection is really
// closed. scope (usually the database name) is part of every lock name.
func NewMySQLLocker(db *sql.DB, scope string) *MySQLLocker {
	db.SetMaxIdleConns(0)
	return &MySQLLocker{db: db, scope: scope, KeepAlive: time.Minute, MinHold: DefaultLockMinHold,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// DefaultLockMinHold is MySQLLocker.MinHold unless set: it covers clock
// skew and start-up delays between replicas of up to half a minute.
const DefaultLockMinHold = 30 * time.Second

// OpenLocker returns a locker on the configured database (or dsn, from
// CUSTSEG_DSN). It does not connect until the first Lock.
func OpenLocker(cfg *config.Config, dsn string) (*MySQLLocker, error) {
	mc, err := cfg.Database.DriverConfig(dsn)
	if err != nil {
		return nil, err
	}
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("lock: database %s: %w", mc.Addr, err)
	}
	return NewMySQLLocker(sql.OpenDB(conn), mc.DBName), nil
}

// Close closes the locker's connection pool; held locks are released.
func (l *MySQLLocker) Close() error { return l.db.Close() }

// LockName is the user-level lock name of job key in scope:
// "custseg:<scope>:<key>" ("custseg:<key>" without a scope), shortened with
// a hash when it would be longer than MySQL's 64 characters.
func LockName(scope, key string) string {
	name := "custseg:" + key
	if scope != "" {
		name = "custseg:" + scope + ":" + key
	}
	if len(name) <= maxLockName {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	h := hex.EncodeToString(sum[:8]) // 16 characters
	return name[:maxLockName-len(h)-1] + "~" + h
}

// Lock takes the lock of job key without waiting. It returns an error
// wrapping ErrLockHeld when someone else holds it, and another error when
// the database cannot be asked; gocron skips the run either way.
func (l *MySQLLocker) Lock(ctx context.Context, key string) (gocron.Lock, error) {
	name := LockName(l.scope, key)
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock %q: %w", name, err)
	}
	var got sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", name).Scan(&got); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock %q: %w", name, err)
	}
	if !got.Valid {
		conn.Close()
		return nil, fmt.Errorf("lock %q: GET_LOCK returned NULL", name)
	}
	if got.Int64 != 1 {
		conn.Close()
		return nil, fmt.Errorf("lock %q: %w", name, ErrLockHeld)
	}
	lk := &mysqlLock{conn: conn, name: name, log: l.Logger, stop: make(chan struct{}), done: make(chan struct{}),
		until: time.Now().Add(l.MinHold)}
	go lk.keepAlive(l.KeepAlive)
	return lk, nil
}

// mysqlLock is one held lock and the connection that holds it.
type mysqlLock struct {
	conn  *sql.Conn
	name  string
	log   *slog.Logger
	once  sync.Once
	stop  chan struct{} // closed by Unlock
	done  chan struct{} // closed when keepAlive has returned
	until time.Time     // not released before this (MinHold)
}

func (lk *mysqlLock) keepAlive(every time.Duration) {
	defer close(lk.done)
	if every <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-lk.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			err := lk.conn.PingContext(ctx)
			cancel()
			if err != nil {
				lk.log.Warn("lock connection lost: another scheduler may start this job",
					slog.String("lock", lk.name), slog.Any("error", err))
				return
			}
		}
	}
}

// Unlock releases the lock and closes its connection. It still releases
// when ctx is already cancelled (as gocron's job context is on shutdown);
// closing the connection frees the lock even if RELEASE_LOCK fails.
func (lk *mysqlLock) Unlock(ctx context.Context) error {
	if wait := time.Until(lk.until); wait > 0 {
		// Keep the lock for the rest of MinHold, then release it; the
		// keep-alive goes on meanwhile.
		go func() {
			time.Sleep(wait)
			if err := lk.release(context.Background()); err != nil {
				lk.log.Warn("lock release failed", slog.String("lock", lk.name), slog.Any("error", err))
			}
		}()
		return nil
	}
	return lk.release(ctx)
}

// release gives the lock back and closes its connection, once.
func (lk *mysqlLock) release(ctx context.Context) error {
	var err error
	lk.once.Do(func() {
		close(lk.stop)
		<-lk.done
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		var released sql.NullInt64
		if qerr := lk.conn.QueryRowContext(rctx, "SELECT RELEASE_LOCK(?)", lk.name).Scan(&released); qerr != nil {
			err = fmt.Errorf("unlock %q: %w", lk.name, qerr)
		} else if released.Int64 != 1 {
			lk.log.Warn("lock was no longer held when released", slog.String("lock", lk.name))
		}
		if cerr := lk.conn.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("unlock %q: %w", lk.name, cerr)
		}
	})
	return err
}
