package config

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
)

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces ${NAME} in every string value of cfg with the value of
// the environment variable NAME. An unset variable is an error naming the
// key; a variable set to "" expands to "".
func expandEnv(cfg *Config) error {
	return walkStrings(reflect.ValueOf(cfg).Elem(), "", func(key string, s string) (string, error) {
		var missing string
		out := envRef.ReplaceAllStringFunc(s, func(m string) string {
			name := envRef.FindStringSubmatch(m)[1]
			v, ok := os.LookupEnv(name)
			if !ok && missing == "" {
				missing = name
			}
			return v
		})
		if missing != "" {
			return "", fmt.Errorf("%s: environment variable %s is not set", key, missing)
		}
		return out, nil
	})
}

// walkStrings calls f on every settable string reachable from v, with its
// YAML key path, and stores what f returns.
func walkStrings(v reflect.Value, key string, f func(key, s string) (string, error)) error {
	switch v.Kind() {
	case reflect.String:
		if !strings.Contains(v.String(), "${") {
			return nil
		}
		s, err := f(key, v.String())
		if err != nil {
			return err
		}
		v.SetString(s)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
			if tag == "-" || !t.Field(i).IsExported() {
				continue
			}
			if err := walkStrings(v.Field(i), join(key, tag), f); err != nil {
				return err
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if err := walkStrings(v.Index(i), fmt.Sprintf("%s[%d]", key, i), f); err != nil {
				return err
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := v.MapIndex(k)
			if e.Kind() != reflect.String || !strings.Contains(e.String(), "${") {
				continue
			}
			s, err := f(join(key, k.String()), e.String())
			if err != nil {
				return err
			}
			v.SetMapIndex(k, reflect.ValueOf(s))
		}
	}
	return nil
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
