// Package require stops a test when a check fails, as testify's does.
package require

import "testing"

// NoError stops the test when err is not nil.
func NoError(t testing.TB, err error, msg ...interface{}) {
	if err != nil {
		t.Fatal(append([]interface{}{err}, msg...)...)
	}
}
