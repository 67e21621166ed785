package ledger

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/custseg/custseg/config"
)

// DeliveryState is what the delivery ledger knows of one audience's
// message for one job and as-of date.
type DeliveryState string

// Delivery states, in the order a message goes through them.
const (
	// DeliverySending: recorded durably just before the message is handed
	// to the SMTP server. Found by a later attempt, it means the process
	// died while sending: the message is sent again with the same
	// Message-ID, so a reader's mail client shows it once.
	DeliverySending DeliveryState = "sending"
	// DeliverySent: the server accepted the message (250 after DATA).
	DeliverySent DeliveryState = "sent"
	// DeliveryUnknown: the whole message went out but the server's final
	// reply never came. It may have been delivered; it is not sent again,
	// and the alert says so.
	DeliveryUnknown DeliveryState = "unknown"
	// DeliveryFailed: the server refused it or it never got there; the
	// next attempt sends it.
	DeliveryFailed DeliveryState = "failed"
)

// DeliveryEntry is one recorded state of one audience's message.
type DeliveryEntry struct {
	Job       string        `json:"job"`
	AsOf      string        `json:"as_of"`
	Audience  string        `json:"audience"`
	State     DeliveryState `json:"state"`
	MessageID string        `json:"message_id,omitempty"`
	RunID     string        `json:"run_id,omitempty"`
	Host      string        `json:"host,omitempty"`
	At        time.Time     `json:"at"`
	Error     string        `json:"error,omitempty"`
}

// FireEntry records that a scheduled fire of a job was run (whatever the
// outcome), so that no replica runs or catches up the same fire again.
type FireEntry struct {
	Job         string    `json:"job"`
	ScheduledAt time.Time `json:"scheduled_at"`
	RunID       string    `json:"run_id,omitempty"`
	Status      string    `json:"status"` // "ok" or "failed"
	// Interrupted: the run was cancelled (stop, restart) and never had its
	// chance; such a fire is still caught up.
	Interrupted bool      `json:"interrupted,omitempty"`
	Host        string    `json:"host,omitempty"`
	At          time.Time `json:"at"`
}

// Ledger is the durable record of what each job has sent and which fires
// it has run. Every write is durable when the call returns (fsync'd, or
// committed), so that a kill -9 right after it loses nothing. With
// schedule.lock on, every replica must see the same ledger (Shared).
type Ledger interface {
	// Deliveries returns the latest entry of each audience of job and
	// asOf (none: never attempted).
	Deliveries(ctx context.Context, job, asOf string) (map[string]DeliveryEntry, error)
	// RecordDelivery durably records e.
	RecordDelivery(ctx context.Context, e DeliveryEntry) error
	// FireRun reports whether a run of job's fire at scheduledAt was
	// recorded and not interrupted.
	FireRun(ctx context.Context, job string, scheduledAt time.Time) (bool, error)
	// RecordFire durably records e.
	RecordFire(ctx context.Context, e FireEntry) error
	// Shared reports whether every replica pointed at the same config sees
	// this ledger (the write-back database, the shared folder), as opposed
	// to a folder on this machine.
	Shared() bool
	// String says where the ledger is, for logs and errors (no secrets).
	String() string
	// Close releases the ledger's database connection, if it has one.
	Close() error
}

// Open opens the ledger the config asks for: in the write-back database
// when writeback is enabled (tables custseg_deliveries and custseg_fires,
// created when absent), else beside the shared folder when
// delivery.shared_folder is set (<shared_folder>/.custseg/ledger.jsonl,
// checked at open to be writable and syncable), else in outDir (not
// shared).
//
// The database ledger connects on first use, not here: a scheduler started
// while the write-back database is down still starts, serves /healthz, and
// records and alerts the fires that cannot reach the ledger.
func Open(ctx context.Context, cfg *config.Config, outDir string) (Ledger, error) {
	if cfg.Writeback.Enabled {
		return &lazyLedger{open: func(ctx context.Context) (Ledger, error) { return openDBLedger(ctx, cfg, "") },
			where: "the write-back database, " + cfg.Writeback.Schema + "." + DeliveriesTable + " and " + FiresTable}, nil
	}
	return OpenForRun(ctx, cfg, "", outDir)
}

// lazyLedger opens a shared ledger on first use, and again after a failed
// open.
type lazyLedger struct {
	open  func(context.Context) (Ledger, error)
	where string
	mu    sync.Mutex
	l     Ledger
}

func (z *lazyLedger) get(ctx context.Context) (Ledger, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.l != nil {
		return z.l, nil
	}
	l, err := z.open(ctx)
	if err != nil {
		return nil, err
	}
	z.l = l
	return l, nil
}

// Deliveries implements Ledger.
func (z *lazyLedger) Deliveries(ctx context.Context, job, asOf string) (map[string]DeliveryEntry, error) {
	l, err := z.get(ctx)
	if err != nil {
		return nil, err
	}
	return l.Deliveries(ctx, job, asOf)
}

// RecordDelivery implements Ledger.
func (z *lazyLedger) RecordDelivery(ctx context.Context, e DeliveryEntry) error {
	l, err := z.get(ctx)
	if err != nil {
		return err
	}
	return l.RecordDelivery(ctx, e)
}

// FireRun implements Ledger.
func (z *lazyLedger) FireRun(ctx context.Context, job string, scheduledAt time.Time) (bool, error) {
	l, err := z.get(ctx)
	if err != nil {
		return false, err
	}
	return l.FireRun(ctx, job, scheduledAt)
}

// RecordFire implements Ledger.
func (z *lazyLedger) RecordFire(ctx context.Context, e FireEntry) error {
	l, err := z.get(ctx)
	if err != nil {
		return err
	}
	return l.RecordFire(ctx, e)
}

// Shared implements Ledger: the database is the same for every replica.
func (z *lazyLedger) Shared() bool { return true }

// String implements Ledger.
func (z *lazyLedger) String() string { return z.where }

// Close implements Ledger.
func (z *lazyLedger) Close() error {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.l == nil {
		return nil
	}
	return z.l.Close()
}

// OpenForRun is Open for one run: the database ledger connects now, and
// refuses a write-back schema that is the run's source database, named by
// sourceDSN ("": the config's database section).
func OpenForRun(ctx context.Context, cfg *config.Config, sourceDSN, outDir string) (Ledger, error) {
	fileMode, dirMode := cfg.Outputs.Modes()
	switch {
	case cfg.Writeback.Enabled:
		return openDBLedger(ctx, cfg, sourceDSN)
	case cfg.Delivery.SharedFolder != "":
		dir := filepath.Join(cfg.Resolve(cfg.Delivery.SharedFolder), SharedDir)
		l, err := openFileLedger(dir, true, fileMode, dirMode)
		if err != nil {
			return nil, fmt.Errorf("delivery ledger: the shared folder cannot hold it in %s (%v): "+
				"make delivery.shared_folder writable by this user on a file system that supports fsync, "+
				"or enable writeback to keep the ledger in the database", dir, err)
		}
		return l, nil
	}
	l, err := openFileLedger(outDir, false, fileMode, dirMode)
	if err != nil {
		return nil, fmt.Errorf("delivery ledger: the output folder %s cannot hold it (%v): make it writable by this user", outDir, err)
	}
	return l, nil
}
