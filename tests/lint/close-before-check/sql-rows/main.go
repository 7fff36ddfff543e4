package store

import "database/sql"

func Names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	defer rows.Close()
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
