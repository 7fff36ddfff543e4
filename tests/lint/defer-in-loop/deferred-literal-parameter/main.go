package store

import (
	"database/sql"
	"log"
)

// Purge passes each transaction to a deferred literal as its parameter:
// every transaction stays open, holding a connection, until Purge returns.
func Purge(db *sql.DB, tables []string) error {
	for _, t := range tables {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer func(tx *sql.Tx) {
			if err := tx.Rollback(); err != nil && err != sql.ErrTxDone {
				log.Print(err)
			}
		}(tx)
		if _, err := tx.Exec("DELETE FROM " + t); err != nil {
			return err
		}
	}
	return nil
}

// PurgeCommitted commits each transaction before the next iteration; the
// deferred rollback only matters when Exec fails and Purge returns.
func PurgeCommitted(db *sql.DB, tables []string) error {
	for _, t := range tables {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.Exec("DELETE FROM " + t); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
