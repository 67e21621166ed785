package config

import (
	"strings"
	"testing"
)

// TestParseDSNNeverQuotesIt: malformed DSNs whose passwords hold '/', '%',
// '@' and ':' fail with an error that names the key and the problem and
// holds no piece of the user, password or host; well-formed ones with the
// same passwords parse to that password.
func TestParseDSNNeverQuotesIt(t *testing.T) {
	const user, host = "relro_user", "dbhost.internal"
	for _, pw := range []string{"Secr3t/LEAK", "Se%zzcr3t-LEAK", "Se@cr3t-LEAK", "Se:cr/3t@LEAK%", "LEAK/a(b)c"} {
		for _, tc := range []struct{ name, dsn, want string }{
			{"no slash after the address", user + ":" + pw + "@tcp(" + host + ":3306)", "the '/' after the address is missing"},
			{"no address", user + ":" + pw + "@" + host + ":3306/shop", "after the '@' must come the address"},
			{"unclosed address", user + ":" + pw + "@tcp(" + host + ":3306/shop", "no closing ')'"},
			{"unescaped slash in a parameter", user + ":" + pw + "@tcp(" + host + ":3306)/shop?loc=Asia/Shanghai", "escape it in parameter values as %2F"},
			{"bad percent in the name", user + ":" + pw + "@tcp(" + host + ":3306)/sh%zzop", "'%' not followed by two hexadecimal digits"},
			{"bad parameter", user + ":" + pw + "@tcp(" + host + ":3306)/shop?parseTime=maybe", "parameter parseTime has a value"},
			{"trailing line break", user + ":" + pw + "@tcp(" + host + ":3306)/shop\n", "starts or ends with a space or line break"},
			{"bare words", user + " " + pw + " " + host, "written tcp(host:port)"},
		} {
			for _, key := range []string{EnvDSN, "writeback.dsn"} {
				_, err := ParseDSN(key, tc.dsn)
				if err == nil {
					t.Errorf("%s %s (%q): no error", key, tc.name, pw)
					continue
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, key+": not a DSN of the form user:password@tcp(host:port)/database: ") || !strings.Contains(msg, tc.want) {
					t.Errorf("%s %s: err = %q, want %q", key, tc.name, msg, tc.want)
				}
				for _, frag := range []string{"LEAK", "Secr", "cr3t", user, "dbhost", "3306"} {
					if strings.Contains(msg, frag) {
						t.Errorf("%s %s: err %q holds %q from the DSN", key, tc.name, msg, frag)
					}
				}
			}
		}
		mc, err := ParseDSN(EnvDSN, user+":"+pw+"@tcp("+host+":3306)/shop?parseTime=true")
		if err != nil || mc.Passwd != pw || mc.User != user || mc.Addr != host+":3306" || mc.DBName != "shop" {
			t.Errorf("well-formed DSN with password %q: %+v, %v", pw, mc, err)
		}
	}
	d := Default().Database
	for _, dsn := range []string{"tcp(db:3306)/shop", "u:p@unix(/run/mysqld/mysqld.sock)/shop", "u:p@tcp([::1]:3306)/", "u:p@tcp(db)/shop?loc=Asia%2FShanghai"} {
		if _, err := d.DriverConfig(dsn); err != nil {
			t.Errorf("DriverConfig(%q): %v", dsn, err)
		}
	}
}

// TestHostNotADSN: a DSN or credentials pasted into database.host are
// refused without being quoted.
func TestHostNotADSN(t *testing.T) {
	_, err := Parse("c.yaml", []byte("database:\n  host: 'ro:Secr3t-LEAK@tcp(db:3306)/shop'\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "c.yaml: database.host: is not a host name") || strings.Contains(err.Error(), "LEAK") {
		t.Errorf("err = %v", err)
	}
}
