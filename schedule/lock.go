package schedule

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
	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/config"
)

// ErrLockHeld means another scheduler holds the job's lock: the scheduler
// waits for it and asks again until the fire's window ends.
var ErrLockHeld = errors.New("the job's lock is held by another scheduler")

// maxLockName is MySQL's limit on a user-level lock name.
const maxLockName = 64

// MySQLLocker is a gocron.Locker backed by the database's user-level locks:
// Lock waits up to Wait for GET_LOCK(name, Wait) on a connection of its
// own and keeps that connection for as long as the lock is held; Unlock
// runs RELEASE_LOCK and closes the connection. A scheduler that dies loses
// its connection, and the server releases the lock with it.
//
// Every wait is bounded: connecting takes at most ConnectTimeout, the
// GET_LOCK query at most Wait plus QueryGrace, and a keep-alive ping at
// most PingTimeout, so a database that accepts TCP but never answers is
// detected in seconds instead of hanging the scheduler. The scheduler
// calls Lock again and again until a fire's window ends (see Scheduler).
// These waits are real time, as the server and the network count them;
// only the keep-alive's period is read on Clock.
//
// User-level locks belong to the server, not to a database, so every
// scheduler that must not run a job twice has to point at the same server
// (the same primary or the same replica). The lock name carries the
// database name so that two shops on one server do not block each other.
//
// The lock only keeps two replicas from running a job at the same time;
// whether a fire was already run is the delivery ledger's to say
// (ledger.Ledger.FireRun), which the scheduler asks once it holds the lock.
//
// Works on MySQL, MariaDB and go-mysql-server (the embedded engine of
// `custseg demo`), which all release a connection's locks when it closes.
type MySQLLocker struct {
	db    *sql.DB
	scope string
	// Wait is how long one Lock waits for a lock held elsewhere (the
	// seconds of GET_LOCK, whole seconds, at least 1). It must stay below
	// the connection's read timeout.
	Wait time.Duration
	// ConnectTimeout bounds getting a connection for a Lock.
	ConnectTimeout time.Duration
	// QueryGrace is added to Wait for the GET_LOCK query's deadline.
	QueryGrace time.Duration
	// KeepAlive is how often a held lock's connection is pinged, so that a
	// short wait_timeout on the server does not end the session (and free
	// the lock) in the middle of a long run. 0 disables it.
	KeepAlive time.Duration
	// PingTimeout bounds each keep-alive ping.
	PingTimeout time.Duration
	// Clock times the keep-alive pings (the scheduler's clock; nil is the
	// real one).
	Clock  clockwork.Clock
	Logger *slog.Logger
}

var _ gocron.Locker = (*MySQLLocker)(nil)

// Defaults of MySQLLocker's waits.
const (
	DefaultLockWait        = 10 * time.Second
	DefaultLockConnTimeout = 10 * time.Second
	DefaultLockQueryGrace  = 5 * time.Second
	DefaultLockPingTimeout = 10 * time.Second
	// LockIOTimeout is the read and write timeout of the lock's
	// connections (go-sql-driver's readTimeout, writeTimeout) unless the
	// DSN sets them: a stalled peer fails a query after that long even
	// where no context reaches.
	LockIOTimeout = 30 * time.Second
)

// NewMySQLLocker returns a locker on db, which it owns from then on: it
// keeps no idle connections, so that a closed lock connection is really
// closed. scope (usually the database name) is part of every lock name.
func NewMySQLLocker(db *sql.DB, scope string) *MySQLLocker {
	db.SetMaxIdleConns(0)
	return &MySQLLocker{db: db, scope: scope, Wait: DefaultLockWait, ConnectTimeout: DefaultLockConnTimeout,
		QueryGrace: DefaultLockQueryGrace, KeepAlive: time.Minute, PingTimeout: DefaultLockPingTimeout,
		Clock: clockwork.NewRealClock(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// OpenLocker returns a locker on the configured database (or dsn, from
// CUSTSEG_DSN), with read and write timeouts on its connections
// (LockIOTimeout unless the DSN sets them) and database.connect_timeout
// for connecting. It does not connect until the first Lock.
func OpenLocker(cfg *config.Config, dsn string) (*MySQLLocker, error) {
	mc, err := cfg.Database.DriverConfig(dsn)
	if err != nil {
		return nil, err
	}
	if mc.ReadTimeout == 0 {
		mc.ReadTimeout = LockIOTimeout
	}
	if mc.WriteTimeout == 0 {
		mc.WriteTimeout = LockIOTimeout
	}
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("lock: database %s: %w", mc.Addr, err)
	}
	l := NewMySQLLocker(sql.OpenDB(conn), mc.DBName)
	if cfg.Database.ConnectTimeout > 0 {
		l.ConnectTimeout = cfg.Database.ConnectTimeout
	}
	if w := mc.ReadTimeout - l.QueryGrace; w < l.Wait {
		l.Wait = max(w, time.Second)
	}
	return l, nil
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

// Lock takes the lock of job key, waiting up to Wait for it. It returns an
// error wrapping ErrLockHeld when someone else still holds it then, and
// another error when the database cannot be asked in time (unreachable,
// or a connection that stalls); gocron skips the run either way, the
// Scheduler retries.
func (l *MySQLLocker) Lock(ctx context.Context, key string) (gocron.Lock, error) {
	name := LockName(l.scope, key)
	// Real time, not l.Clock: net.Dialer reads the connect deadline as
	// wall time, and the server counts GET_LOCK's seconds.
	cctx, cancel := context.WithTimeout(ctx, l.ConnectTimeout)
	conn, err := l.db.Conn(cctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("lock %q: connecting to the database (within %s): %w", name, l.ConnectTimeout, err)
	}
	wait := max(int64(l.Wait/time.Second), 1)
	qctx, cancel := context.WithTimeout(ctx, time.Duration(wait)*time.Second+l.QueryGrace)
	var got sql.NullInt64
	err = conn.QueryRowContext(qctx, "SELECT GET_LOCK(?, ?)", name, wait).Scan(&got)
	cancel()
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock %q: the database did not answer GET_LOCK within %s: %w", name,
			time.Duration(wait)*time.Second+l.QueryGrace, err)
	}
	if !got.Valid {
		conn.Close()
		return nil, fmt.Errorf("lock %q: GET_LOCK returned NULL", name)
	}
	if got.Int64 != 1 {
		conn.Close()
		return nil, fmt.Errorf("lock %q: %w", name, ErrLockHeld)
	}
	lk := &mysqlLock{conn: conn, name: name, log: l.Logger, stop: make(chan struct{}), done: make(chan struct{})}
	if l.KeepAlive <= 0 {
		close(lk.done)
		return lk, nil
	}
	clock := l.Clock
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	// The ticker starts before Lock returns, so that a test's fake clock
	// counts it among its waiters as soon as the lock is held.
	go lk.keepAlive(clock.NewTicker(l.KeepAlive), l.PingTimeout)
	return lk, nil
}

// mysqlLock is one held lock and the connection that holds it.
type mysqlLock struct {
	conn *sql.Conn
	name string
	log  *slog.Logger
	once sync.Once
	stop chan struct{} // closed by Unlock
	done chan struct{} // closed when keepAlive has returned
}

// keepAlive pings the lock's connection at every tick of t until the lock
// is released or a ping fails.
func (lk *mysqlLock) keepAlive(t clockwork.Ticker, timeout time.Duration) {
	defer close(lk.done)
	defer t.Stop()
	if timeout <= 0 {
		timeout = DefaultLockPingTimeout
	}
	for {
		select {
		case <-lk.stop:
			return
		case <-t.Chan():
			// Real time: the deadline bounds the server's answer over
			// the network.
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			err := lk.conn.PingContext(ctx)
			cancel()
			if err != nil {
				lk.log.Warn("lock connection lost: another scheduler may start this job; the run goes on",
					slog.String("lock", lk.name), slog.Any("error", err))
				return
			}
		}
	}
}

// Unlock releases the lock and closes its connection. It still releases
// when ctx is already cancelled (as gocron's job context is on shutdown);
// closing the connection frees the lock even if RELEASE_LOCK fails.
func (lk *mysqlLock) Unlock(ctx context.Context) error { return lk.release(ctx) }

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
