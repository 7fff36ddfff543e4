package mirror

import (
	"net/http"
)

// FirstAlive returns, per region, the first mirror that answers 200.
// The inner loop breaks right after the defer, but the outer loop goes
// on to the next region with the body still open.
func FirstAlive(regions map[string][]string) map[string]string {
	alive := make(map[string]string)
	for region, mirrors := range regions {
		for _, m := range mirrors {
			resp, err := http.Get(m)
			if err != nil {
				continue
			}
			defer resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				alive[region] = m
			}
			break
		}
	}
	return alive
}
