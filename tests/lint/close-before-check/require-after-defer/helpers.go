package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// require.NoError stops the test with t.FailNow, which runs the deferred
// calls: resp.Body.Close() then runs on a nil resp and panics.
func CheckHealth(t *testing.T, url string) {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// Checked first: fine.
func CheckReady(t *testing.T, url string) {
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}
