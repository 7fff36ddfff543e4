package probe

import (
	"net/http"
)

// Healthy keeps hosts whose every endpoint answers 200. The labeled
// continue skips to the next host, leaving the deferred close pending.
func Healthy(hosts map[string][]string) []string {
	var ok []string
hosts:
	for host, paths := range hosts {
		for _, p := range paths {
			resp, err := http.Get("http://" + host + p)
			if err != nil {
				continue hosts
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				continue hosts
			}
		}
		ok = append(ok, host)
	}
	return ok
}
