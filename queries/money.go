package queries

import (
	"math"
	"strconv"
)

// moneyScale is the number of units of money per unit of currency: amounts
// with up to four decimals, as DECIMAL columns of money have, are added as
// exact integers.
const moneyScale = 10_000

// money is an exact sum of amounts, as the database's SUM over a DECIMAL
// column is: whole units of 1/moneyScale, plus, in rest, the amounts that
// have more decimals than that (a DOUBLE column's 0.30000000000000004) or
// that would overflow the units. Its float is then the sum the database
// would return, correctly rounded, whatever the order the amounts came
// in; adding floats would drift by the order of the rows.
type money struct {
	units int64
	rest  float64
}

// add adds v to m.
func (m *money) add(v money) {
	if (v.units > 0 && m.units > math.MaxInt64-v.units) || (v.units < 0 && m.units < math.MinInt64-v.units) {
		m.rest += float64(v.units) / moneyScale
	} else {
		m.units += v.units
	}
	m.rest += v.rest
}

// float returns the sum, correctly rounded when there is no rest and the
// units are below 2^53 (9 × 10^11 in currency).
func (m money) float() float64 {
	return float64(m.units)/moneyScale + m.rest
}

// sign returns −1, 0 or +1 as m is negative, zero or positive.
func (m money) sign() int {
	switch f := m.float(); {
	case f < 0:
		return -1
	case f > 0:
		return 1
	}
	return 0
}

// less orders two amounts by value.
func (m money) less(n money) bool {
	if m.rest == 0 && n.rest == 0 {
		return m.units < n.units
	}
	return m.float() < n.float()
}

// parseMoney reads a number as the server sends it in text: "-12.50",
// "3", "1.5e-07". ok is false for text that is not a number.
func parseMoney(b []byte) (m money, ok bool) {
	// The fast path: an optional sign, at most 14 digits before the point
	// and 4 after it (more when the extra ones are zeros).
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var units int64
	digits, decimals, point := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if point {
				if decimals == 4 {
					if c != '0' {
						return parseFloatMoney(b)
					}
					continue
				}
				decimals++
			} else if digits++; digits > 14 {
				return parseFloatMoney(b)
			}
			units = units*10 + int64(c-'0')
		case c == '.' && !point:
			point = true
		default:
			return parseFloatMoney(b)
		}
	}
	if digits == 0 && decimals == 0 {
		return money{}, false
	}
	for ; decimals < 4; decimals++ {
		units *= 10
	}
	if neg {
		units = -units
	}
	return money{units: units}, true
}

// parseFloatMoney reads a number the fast path does not, as a float.
func parseFloatMoney(b []byte) (money, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return money{}, false
	}
	return money{rest: f}, true
}
