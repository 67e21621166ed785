package queries

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"
)

// killTimeout bounds the KILL QUERY sent from a fresh connection.
const killTimeout = 5 * time.Second

// guarded is a transaction's session under guard.
type guarded struct {
	db   *sqlx.DB
	id   int64 // the session's CONNECTION_ID(); 0 when the engine cannot say
	done chan struct{}
}

// guard protects the server from a run's queries: it sets a server-side
// time limit on the transaction's session (max_statement_time on MariaDB,
// MAX_EXECUTION_TIME on MySQL) from ctx's deadline, and when ctx ends
// before stop is called it kills the running query from another
// connection, so a cancelled run leaves nothing running on the server.
// Engines without these (the embedded demo engine) are left as they are.
func guard(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx) *guarded {
	g := &guarded{db: db, done: make(chan struct{})}
	var version string
	if err := tx.QueryRowContext(ctx, "SELECT CONNECTION_ID(), VERSION()").Scan(&g.id, &version); err != nil {
		g.id = 0
		return g
	}
	if dl, ok := ctx.Deadline(); ok {
		left := time.Until(dl)
		if left > time.Second {
			switch {
			case strings.Contains(strings.ToLower(version), "mariadb"):
				_, _ = tx.ExecContext(ctx, "SET SESSION max_statement_time = ?", left.Seconds())
			default:
				_, _ = tx.ExecContext(ctx, "SET SESSION MAX_EXECUTION_TIME = ?", left.Milliseconds())
			}
		}
	}
	go func() {
		select {
		case <-g.done:
		case <-ctx.Done():
			_ = g.kill()
		}
	}()
	return g
}

// kill sends KILL QUERY for the guarded session from another connection.
func (g *guarded) kill() error {
	kctx, cancel := context.WithTimeout(context.Background(), killTimeout)
	defer cancel()
	_, err := g.db.ExecContext(kctx, "KILL QUERY ?", g.id)
	var me *mysql.MySQLError
	if errors.As(err, &me) && me.Number == erNoSuchThread {
		return nil // the session is gone, and its query with it
	}
	return err
}

// erNoSuchThread is the server's "Unknown thread id" (ER_NO_SUCH_THREAD).
const erNoSuchThread = 1094

// stop ends the guard. When err says the session's connection was lost
// (the network dropped, a proxy restarted), the server may still be
// running its query for nobody: stop kills it from a fresh connection,
// and when it cannot, says so in the returned error with the connection
// id for the DBA.
func (g *guarded) stop(err error) error {
	select {
	case <-g.done:
		return err
	default:
	}
	close(g.done)
	if g.id == 0 || !ConnectionLost(err) {
		return err
	}
	kerr := g.kill()
	if kerr != nil && ConnectionLost(kerr) {
		// An idle connection of the pool died with the lost one: again,
		// on a new one.
		kerr = g.kill()
	}
	if kerr != nil {
		return fmt.Errorf("%w; custseg could not stop the query on the server (ask the DBA to run KILL QUERY %d): %v", err, g.id, kerr)
	}
	return err
}

// ConnectionLost reports whether err says a database connection died
// under a query (as opposed to the query failing or being cancelled).
func ConnectionLost(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ne net.Error
	return errors.Is(err, mysql.ErrInvalidConn) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.As(err, &ne)
}

// ErrStalled is the cause of a run's queries being stopped because the
// database stopped answering.
var ErrStalled = errors.New("the database stopped answering")

// stalledError is ErrStalled with what was seen.
type stalledError struct{ every time.Duration }

func (e *stalledError) Error() string {
	return fmt.Sprintf("%v: a check query (SELECT 1) on a second connection got no answer within %v twice in a row, "+
		"so the run stopped its queries instead of waiting up to database.query_timeout; the server or the network "+
		"to it stalls (a hung server, a full disk on it, a dropped VPN or firewall state): check them, then run again",
		ErrStalled, e.every)
}

func (e *stalledError) Is(target error) bool { return target == ErrStalled }

// heartbeat watches the server while the queries of ctx run: every every,
// a SELECT 1 on another connection of db, each allowed every to answer.
// After two misses in a row it cancels the returned context with
// ErrStalled as the cause. finish stops it and turns the error of a query
// it cancelled into the stall's error. every ≤ 0 turns it off.
func heartbeat(ctx context.Context, db *sqlx.DB, every time.Duration) (_ context.Context, finish func(error) error) {
	if every <= 0 {
		return ctx, func(err error) error { return err }
	}
	hctx, cancel := context.WithCancelCause(ctx)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(every)
		defer tick.Stop()
		misses := 0
		for {
			select {
			case <-done:
				return
			case <-hctx.Done():
				return
			case <-tick.C:
			}
			pctx, pcancel := context.WithTimeout(hctx, every)
			var one int
			err := db.QueryRowContext(pctx, "SELECT 1").Scan(&one)
			pcancel()
			switch {
			case err == nil:
				misses = 0
			case hctx.Err() != nil:
				return
			default:
				if misses++; misses >= 2 {
					cancel(&stalledError{every: every})
					return
				}
			}
		}
	}()
	return hctx, func(err error) error {
		close(done)
		<-exited
		cause := context.Cause(hctx)
		cancel(nil)
		if err != nil && errors.Is(cause, ErrStalled) {
			return cause
		}
		return err
	}
}
