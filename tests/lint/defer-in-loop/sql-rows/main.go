package report

import (
	"database/sql"
)

func Totals(db *sql.DB, customers []int64) (map[int64]int64, error) {
	out := make(map[int64]int64)
	for _, id := range customers {
		rows, err := db.Query("SELECT amount FROM orders WHERE customer = ?", id)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var amount int64
			if err := rows.Scan(&amount); err != nil {
				return nil, err
			}
			out[id] += amount
		}
	}
	return out, nil
}
