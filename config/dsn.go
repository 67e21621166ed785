package config

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"strconv"
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
		mc, err = mysql.ParseDSN(dsn)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvDSN, err)
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
	return mc, nil
}
