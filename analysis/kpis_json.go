package analysis

import "encoding/json"

// UnmarshalJSON reads KPIs as MarshalJSON writes them, and also as
// manifests written before the churn rate was defined once did: there
// churn_rate was the churned share of buyers and period_churn_rate the
// churn rate. A manifest with period_churn_rate is read the old way, so
// the first run after the change compares like with like.
func (k *KPIs) UnmarshalJSON(b []byte) error {
	type plain KPIs // without this method
	var aux struct {
		plain
		Legacy *float64 `json:"period_churn_rate"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*k = KPIs(aux.plain)
	if aux.Legacy != nil {
		k.ChurnedShare, k.PeriodChurnRate = k.PeriodChurnRate, *aux.Legacy
	}
	return nil
}
