package queries

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// guard protects the server from a run's queries: it sets a server-side
// time limit on the transaction's session (max_statement_time on MariaDB,
// MAX_EXECUTION_TIME on MySQL) from ctx's deadline, and when ctx ends
// before stop is called it kills the running query from another
// connection, so a cancelled run leaves nothing running on the server.
// Engines without these (the embedded demo engine) are left as they are.
func guard(ctx context.Context, db *sqlx.DB, tx *sqlx.Tx) (stop func()) {
	var id int64
	var version string
	if err := tx.QueryRowContext(ctx, "SELECT CONNECTION_ID(), VERSION()").Scan(&id, &version); err != nil {
		return func() {}
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
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-ctx.Done():
			kctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, _ = db.ExecContext(kctx, "KILL QUERY ?", id)
		}
	}()
	return func() { close(done) }
}
