package queries

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/jmoiron/sqlx"

	"github.com/custseg/custseg/analysis"
)

// maxCategories bounds the distinct categories kept; rarer ones beyond it
// are folded into one "other" category so a free-text column cannot blow
// up memory.
const maxCategories = 1000

// readCategories stores each known buyer's purchases per category in ds.
func readCategories(ctx context.Context, tx *sqlx.Tx, file, query string, ds *analysis.Dataset, index map[string]int32, mt *meter) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("%s: categories: %w", file, err)
	}
	defer rows.Close()
	catIndex := map[string]uint16{}
	var (
		id, cat sql.NullString
		amount  sql.NullFloat64
	)
	for rows.Next() {
		mt.row()
		if err := rows.Scan(&id, &cat, &amount); err != nil {
			return fmt.Errorf("%s: categories: %w", file, err)
		}
		i, ok := index[id.String]
		if !ok || !id.Valid {
			continue
		}
		k, ok := catIndex[cat.String]
		if !ok {
			name := cat.String
			if len(ds.CategoryNames) >= maxCategories {
				name = "(other)"
			}
			if k, ok = catIndex[name]; !ok {
				k = uint16(len(ds.CategoryNames))
				ds.CategoryNames = append(ds.CategoryNames, name)
				catIndex[name] = k
			}
			catIndex[cat.String] = k
		}
		c := &ds.Customers[i]
		merged := false
		for j := range c.Categories {
			if c.Categories[j].Cat == k {
				c.Categories[j].Amount += amount.Float64
				merged = true
			}
		}
		if !merged {
			c.Categories = append(c.Categories, analysis.CategorySpend{Cat: k, Amount: amount.Float64})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: categories: %w", file, err)
	}
	ds.HasCategory = true
	return nil
}

// readCohorts stores the cohort cells in ds.
func readCohorts(ctx context.Context, tx *sqlx.Tx, file, query string, ds *analysis.Dataset, mt *meter) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("%s: cohorts: %w", file, err)
	}
	defer rows.Close()
	ds.CohortCells = []analysis.CohortCell{}
	for rows.Next() {
		mt.row()
		var (
			cohort, month sql.NullString
			n             sql.NullInt64
			revenue       sql.NullFloat64
		)
		if err := rows.Scan(&cohort, &month, &n, &revenue); err != nil {
			return fmt.Errorf("%s: cohorts: %w", file, err)
		}
		if !cohort.Valid || !month.Valid {
			continue
		}
		ds.CohortCells = append(ds.CohortCells, analysis.CohortCell{Cohort: cohort.String, Month: month.String,
			Customers: int(n.Int64), Revenue: math.Round(revenue.Float64*100) / 100})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: cohorts: %w", file, err)
	}
	return nil
}
