package config

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

// EnvDSN is the environment variable that, when set, replaces the
// database section's connection settings with a go-sql-driver/mysql DSN.
const EnvDSN = "CUSTSEG_DSN"

// Location returns the time zone stored datetimes are in.
func (d Database) Location() *time.Location {
	loc, err := time.LoadLocation(d.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// DriverConfig builds the go-sql-driver/mysql configuration. dsn, when not
// empty (from CUSTSEG_DSN), replaces host, port, user, password, name and
// params. Either way custseg forces what its queries rely on: parseTime,
// the configured time zone, no multi-statements, and the timeouts.
func (d Database) DriverConfig(dsn string) (*mysql.Config, error) {
	var mc *mysql.Config
	if dsn != "" {
		var err error
		mc, err = ParseDSN(EnvDSN, dsn)
		if err != nil {
			return nil, err
		}
	} else {
		mc = mysql.NewConfig()
		mc.Net = "tcp"
		mc.Addr = net.JoinHostPort(d.Host, strconv.Itoa(d.Port))
		mc.User = d.User
		mc.Passwd = d.Password
		mc.DBName = d.Name
		if len(d.Params) > 0 {
			mc.Params = map[string]string{}
			for k, v := range d.Params {
				mc.Params[k] = v
			}
		}
	}
	switch d.TLS {
	case "":
	case "true":
		host, _, _ := net.SplitHostPort(mc.Addr)
		mc.TLS = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	case "skip-verify":
		mc.TLS = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the operator asked for it by name
	default:
		pem, err := os.ReadFile(d.TLS)
		if err != nil {
			return nil, fmt.Errorf("database.tls: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("database.tls: %s holds no PEM certificate", d.TLS)
		}
		host, _, _ := net.SplitHostPort(mc.Addr)
		mc.TLS = &tls.Config{RootCAs: pool, ServerName: host, MinVersion: tls.VersionTLS12}
	}
	mc.ParseTime = true
	mc.Loc = d.Location()
	mc.MultiStatements = false
	if mc.Timeout == 0 {
		mc.Timeout = d.ConnectTimeout
	}
	// Sending a statement takes moments; a peer that stops reading for the
	// connect timeout has stalled. (No read timeout: the aggregate may
	// legitimately send nothing back for minutes; the run's heartbeat and
	// each step's deadline bound the reads.)
	if mc.WriteTimeout == 0 {
		mc.WriteTimeout = d.ConnectTimeout
	}
	return mc, nil
}

// DSNForm is the shape of a DSN custseg accepts, as errors show it.
const DSNForm = "user:password@tcp(host:port)/database"

// ParseDSN parses the go-sql-driver/mysql DSN found in key (CUSTSEG_DSN,
// writeback.dsn). Its errors name key and say what is wrong in custseg's
// words, and never quote any part of dsn: the driver's own messages quote
// pieces of it, and with a '/' or '@' in the password the piece they quote
// is the password ("default addr for network 'user:Secr3t' unknown").
//
// The password may hold any character, '/', '@', ':' and '%' included, as
// long as the address follows it as tcp(host:port) (or unix(/path)) and
// a '/' follows the address: the driver splits the DSN at its last '/'
// and the last '@' before it.
func ParseDSN(key, dsn string) (*mysql.Config, error) {
	bad := func(problem string) error {
		return fmt.Errorf("%s: not a DSN of the form %s: %s (the value is not shown: it may hold a password)", key, DSNForm, problem)
	}
	if dsn == "" {
		return nil, fmt.Errorf("%s: is empty; set it to a DSN of the form %s", key, DSNForm)
	}
	if strings.TrimSpace(dsn) != dsn {
		return nil, bad("it starts or ends with a space or line break (from a secret file?); remove it")
	}
	at := -1
	for _, n := range []string{"tcp", "tcp4", "tcp6", "unix"} {
		if i := strings.LastIndex(dsn, "@"+n+"("); i > at {
			at = i
		}
	}
	rest := dsn
	if at >= 0 {
		rest = dsn[at+1:]
	} else if !hasNetPrefix(dsn) {
		if strings.Contains(dsn, "@") {
			return nil, bad("after the '@' must come the address, written tcp(host:port) or unix(/path/to/socket)")
		}
		return nil, bad("the address must be written tcp(host:port) or unix(/path/to/socket), after user:password@")
	}
	closing := strings.IndexByte(rest, ')')
	if closing < 0 {
		return nil, bad("the address has no closing ')'")
	}
	tail := rest[closing+1:]
	if !strings.HasPrefix(tail, "/") {
		return nil, bad("the '/' after the address is missing; end the DSN with /database, or with / alone (a password containing '/' needs it too)")
	}
	tail = tail[1:]
	if strings.Contains(tail, "/") {
		return nil, bad("a '/' after the database name: escape it in parameter values as %2F (e.g. loc=Asia%2FShanghai)")
	}
	mc, err := mysql.ParseDSN(dsn)
	if err == nil {
		return mc, nil
	}
	name, query, _ := strings.Cut(tail, "?")
	if _, perr := url.PathUnescape(name); perr != nil {
		return nil, bad("the database name has a '%' not followed by two hexadecimal digits (write % as %25)")
	}
	for _, kv := range strings.Split(query, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if _, perr := mysql.ParseDSN("/?" + kv); perr != nil {
			if !plainParam.MatchString(k) {
				return nil, bad("a parameter after '?' has a value the driver does not accept")
			}
			return nil, bad(fmt.Sprintf("parameter %s has a value the driver does not accept (escape values with %%XX, e.g. %%2F for '/')", k))
		}
	}
	return nil, bad("the driver cannot read it")
}

// plainParam is a parameter name safe to show in an error.
var plainParam = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// hasNetPrefix reports whether dsn starts with an address and no user.
func hasNetPrefix(dsn string) bool {
	for _, n := range []string{"tcp(", "tcp4(", "tcp6(", "unix("} {
		if strings.HasPrefix(dsn, n) {
			return true
		}
	}
	return false
}
