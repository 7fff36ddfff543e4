// Package suite is tested below.
package suite

import "os"

// Scratch makes a scratch file.
func Scratch() (*os.File, error) {
	return os.CreateTemp("", "suite")
}
