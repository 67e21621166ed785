package schedule

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"github.com/custseg/custseg/demo/embedded"
	"github.com/custseg/custseg/internal/testdb"
)

func TestLockName(t *testing.T) {
	for _, tc := range []struct{ scope, key, want string }{
		{"shop", "weekly", "custseg:shop:weekly"},
		{"", "weekly", "custseg:weekly"},
	} {
		if got := LockName(tc.scope, tc.key); got != tc.want {
			t.Errorf("LockName(%q, %q) = %q, want %q", tc.scope, tc.key, got, tc.want)
		}
	}
	long1 := LockName("custseg_production_database", strings.Repeat("x", 60)+"1")
	long2 := LockName("custseg_production_database", strings.Repeat("x", 60)+"2")
	if len(long1) > maxLockName || len(long2) > maxLockName {
		t.Errorf("lock names longer than %d: %q (%d), %q (%d)", maxLockName, long1, len(long1), long2, len(long2))
	}
	if long1 == long2 {
		t.Errorf("two long keys share the lock name %q", long1)
	}
	if !strings.HasPrefix(long1, "custseg:custseg_production_database:") {
		t.Errorf("long name %q lost its readable prefix", long1)
	}
}

// lockServers are the servers the locker is tested on: the test database
// (MariaDB, or the embedded engine when none answers), and always the
// embedded engine of `custseg demo`, which supports GET_LOCK too.
func lockServers(t *testing.T) map[string]string {
	tdb := testdb.New(t)
	servers := map[string]string{tdb.Kind: tdb.DSN}
	if tdb.Kind != "embedded" {
		srv, err := embedded.Start(context.Background(), "locktest")
		if err != nil {
			t.Fatalf("embedded server: %v", err)
		}
		t.Cleanup(func() { srv.Close() })
		servers["embedded"] = srv.DSN()
	}
	return servers
}

func newTestLocker(t *testing.T, dsn, scope string) *MySQLLocker {
	t.Helper()
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		t.Fatal(err)
	}
	l := NewMySQLLocker(db, scope)
	l.Wait = time.Second // a held lock is reported after a second
	t.Cleanup(func() { l.Close() })
	return l
}

func TestMySQLLocker(t *testing.T) {
	for kind, dsn := range lockServers(t) {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			scope := "locktest_" + randomHexForTest(t)
			a, b := newTestLocker(t, dsn, scope), newTestLocker(t, dsn, scope)

			lk, err := a.Lock(ctx, "weekly")
			if err != nil {
				t.Fatalf("first lock: %v", err)
			}
			if _, err := b.Lock(ctx, "weekly"); !errors.Is(err, ErrLockHeld) {
				t.Fatalf("second scheduler took a held lock: err = %v, want ErrLockHeld", err)
			}
			// Another job's lock, or another shop's, is independent.
			other, err := b.Lock(ctx, "monthly")
			if err != nil {
				t.Fatalf("other job's lock: %v", err)
			}
			other.Unlock(ctx)
			otherShop := newTestLocker(t, dsn, scope+"_other")
			lk2, err := otherShop.Lock(ctx, "weekly")
			if err != nil {
				t.Fatalf("another shop's lock of the same job name: %v", err)
			}
			lk2.Unlock(ctx)

			// Unlock releases even with a cancelled context (gocron's job
			// context is cancelled on shutdown).
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if err := lk.Unlock(cctx); err != nil {
				t.Fatalf("unlock: %v", err)
			}
			lk, err = b.Lock(ctx, "weekly")
			if err != nil {
				t.Fatalf("lock after unlock: %v", err)
			}
			lk.Unlock(ctx)
		})
	}
}

// A scheduler that dies without unlocking loses its connection, and the
// server releases its lock: another can take it.
func TestLockReleasedWhenConnectionCloses(t *testing.T) {
	for kind, dsn := range lockServers(t) {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			scope := "locktest_" + randomHexForTest(t)
			a, b := newTestLocker(t, dsn, scope), newTestLocker(t, dsn, scope)
			lk, err := a.Lock(ctx, "weekly")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Lock(ctx, "weekly"); !errors.Is(err, ErrLockHeld) {
				t.Fatalf("err = %v, want ErrLockHeld", err)
			}
			// Close the network connection under the lock, as a killed
			// process would: no RELEASE_LOCK is sent.
			ml := lk.(*mysqlLock)
			close(ml.stop)
			<-ml.done
			err = ml.conn.Raw(func(dc any) error { return dc.(io.Closer).Close() })
			if err != nil {
				t.Fatalf("close the lock's connection: %v", err)
			}
			// The server notices the closed connection soon, not at once:
			// each Lock waits up to b.Wait for the release.
			var got gocron.Lock
			waitUntil(t, time.Minute, time.Millisecond, "the lock to be free or an error other than ErrLockHeld", func() bool {
				got, err = b.Lock(ctx, "weekly")
				return err == nil || !errors.Is(err, ErrLockHeld)
			})
			if err != nil {
				t.Fatalf("lock of a closed connection was not released: %v", err)
			}
			got.Unlock(ctx)
		})
	}
}

func TestLockerUnreachableDatabase(t *testing.T) {
	db, err := sql.Open("mysql", "root@tcp(127.0.0.1:1)/x?timeout=1s")
	if err != nil {
		t.Fatal(err)
	}
	l := NewMySQLLocker(db, "x")
	defer l.Close()
	_, err = l.Lock(context.Background(), "weekly")
	if err == nil || errors.Is(err, ErrLockHeld) {
		t.Fatalf("err = %v, want a connection error that is not ErrLockHeld", err)
	}
}

// Lock waits for a lock that its holder releases within Wait.
func TestLockWaitsForRelease(t *testing.T) {
	for kind, dsn := range lockServers(t) {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			scope := "wait_" + randomHexForTest(t)
			a, b := newTestLocker(t, dsn, scope), newTestLocker(t, dsn, scope)
			b.Wait = 30 * time.Second
			lk, err := a.Lock(ctx, "weekly")
			if err != nil {
				t.Fatal(err)
			}
			got := make(chan error, 1)
			go func() {
				lk2, err := b.Lock(ctx, "weekly")
				if err == nil {
					lk2.Unlock(ctx)
				}
				got <- err
			}()
			// b waits in GET_LOCK on the server (for up to b.Wait).
			db, err := sql.Open("mysql", dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			waitFor(t, "the second Lock to wait on the server", func() bool { return lockWaiters(t, db) > 0 })
			select {
			case err := <-got:
				t.Fatalf("Lock returned (%v) while the lock was held", err)
			default:
			}
			if err := lk.Unlock(ctx); err != nil {
				t.Fatal(err)
			}
			if err := <-got; err != nil {
				t.Fatalf("lock after release: %v", err)
			}
		})
	}
}

// A server that accepts the connection and never answers: Lock fails
// within its connect timeout instead of waiting for ever.
func TestLockStalledServer(t *testing.T) {
	tdb := mariaDB(t)
	proxy := startProxy(t, dsnAddr(t, tdb.DSN), "stall")
	db, err := sql.Open("mysql", proxyDSN(t, proxy, tdb.DSN))
	if err != nil {
		t.Fatal(err)
	}
	l := NewMySQLLocker(db, "stall")
	l.ConnectTimeout = 500 * time.Millisecond
	defer l.Close()
	done := make(chan error, 1)
	go func() {
		_, err := l.Lock(context.Background(), "weekly")
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, ErrLockHeld) || !strings.Contains(err.Error(), "connecting to the database") {
			t.Fatalf("err = %v, want a connection error", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Lock hangs on a stalled server")
	}
}

// logBuffer is a bytes.Buffer that a logger may write to while the test
// reads it.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A held lock's connection is pinged at each KeepAlive of the locker's
// clock: a connection the server dropped (a KILL, a wait_timeout) is
// noticed at the first tick after it, logged, and the keep-alive stops.
func TestLockKeepAlive(t *testing.T) {
	tdb := mariaDB(t)
	clock := clockwork.NewFakeClock()
	l := newTestLocker(t, tdb.DSN, "keepalive_"+randomHexForTest(t))
	l.Clock, l.KeepAlive = clock, time.Minute
	var logs logBuffer
	l.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	ctx := context.Background()
	lk, err := l.Lock(ctx, "weekly")
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Unlock(ctx)
	ml := lk.(*mysqlLock)
	var id int64
	if err := ml.conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	waiters(t, clock, 1) // the keep-alive's ticker, started by Lock
	if _, err := tdb.Open(t).Exec(fmt.Sprintf("KILL %d", id)); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	waitFor(t, "the lost connection to be logged", func() bool { return strings.Contains(logs.String(), "lock connection lost") })
	select {
	case <-ml.done: // the keep-alive has stopped
	case <-time.After(time.Minute):
		t.Fatal("the keep-alive goes on after its connection was lost")
	}
}
