package ledger

import (
	"os"
	"testing"

	"github.com/custseg/custseg/internal/testdb"
)

// TestMain prints, after the tests, which database engines they ran on
// and which skipped for want of a server (see testdb.Main).
func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }
