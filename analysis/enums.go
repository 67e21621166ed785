package analysis

import "fmt"

// The one-byte enums of Score (Tier, Status, PyramidTier, Stage,
// Behaviour) keep a customer's score free of pointers, so a million scores
// are a flat block the garbage collector never scans. Their text is their
// key, as in reports, snapshots and the write-back tables.

// enumKey returns names[v], or "invalid(v)" outside names.
func enumKey(names []string, v uint8) string {
	if int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("invalid(%d)", v)
}

// enumParse returns the value whose key is s.
func enumParse(names []string, what, s string) (uint8, error) {
	for i, n := range names {
		if n == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("analysis: %q is not a %s", s, what)
}

// String returns the tier's key.
func (v Tier) String() string { return enumKey(tierKeys, uint8(v)) }

// MarshalText returns the tier's key.
func (v Tier) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a tier from its key.
func (v *Tier) UnmarshalText(b []byte) error {
	u, err := enumParse(tierKeys, "tier", string(b))
	*v = Tier(u)
	return err
}

// ParseTier returns the tier whose key is s.
func ParseTier(s string) (Tier, error) {
	u, err := enumParse(tierKeys, "tier", s)
	return Tier(u), err
}

// String returns the churn status's key.
func (v Status) String() string { return enumKey(statusKeys, uint8(v)) }

// MarshalText returns the churn status's key.
func (v Status) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a churn status from its key.
func (v *Status) UnmarshalText(b []byte) error {
	u, err := enumParse(statusKeys, "churn status", string(b))
	*v = Status(u)
	return err
}

// ParseStatus returns the churn status whose key is s.
func ParseStatus(s string) (Status, error) {
	u, err := enumParse(statusKeys, "churn status", s)
	return Status(u), err
}

// String returns the pyramid tier's key.
func (v PyramidTier) String() string { return enumKey(pyramidKeys, uint8(v)) }

// MarshalText returns the pyramid tier's key.
func (v PyramidTier) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a pyramid tier from its key.
func (v *PyramidTier) UnmarshalText(b []byte) error {
	u, err := enumParse(pyramidKeys, "pyramid tier", string(b))
	*v = PyramidTier(u)
	return err
}

// ParsePyramidTier returns the pyramid tier whose key is s.
func ParsePyramidTier(s string) (PyramidTier, error) {
	u, err := enumParse(pyramidKeys, "pyramid tier", s)
	return PyramidTier(u), err
}

// String returns the lifecycle stage's key.
func (v Stage) String() string { return enumKey(stageKeys, uint8(v)) }

// MarshalText returns the lifecycle stage's key.
func (v Stage) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a lifecycle stage from its key.
func (v *Stage) UnmarshalText(b []byte) error {
	u, err := enumParse(stageKeys, "lifecycle stage", string(b))
	*v = Stage(u)
	return err
}

// ParseStage returns the lifecycle stage whose key is s.
func ParseStage(s string) (Stage, error) {
	u, err := enumParse(stageKeys, "lifecycle stage", s)
	return Stage(u), err
}

// String returns the behaviour's key.
func (v Behaviour) String() string { return enumKey(behaviourKeys, uint8(v)) }

// MarshalText returns the behaviour's key.
func (v Behaviour) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a behaviour from its key.
func (v *Behaviour) UnmarshalText(b []byte) error {
	u, err := enumParse(behaviourKeys, "behaviour", string(b))
	*v = Behaviour(u)
	return err
}

// ParseBehaviour returns the behaviour whose key is s.
func ParseBehaviour(s string) (Behaviour, error) {
	u, err := enumParse(behaviourKeys, "behaviour", s)
	return Behaviour(u), err
}
