// Package require stands in for testify's: NoError stops the test.
package require

import "testing"

func NoError(t testing.TB, err error, msgAndArgs ...interface{}) {
	if err != nil {
		t.Fatal(err, msgAndArgs)
	}
}
