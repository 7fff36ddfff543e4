package check

import "net/http"

// Alive sends HEAD requests: their bodies are empty (http.NoBody) and the
// connection goes back to the pool at once, so the defers hold nothing.
func Alive(c *http.Client, urls []string) []string {
	var up []string
	for _, u := range urls {
		resp, err := c.Head(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		if resp.StatusCode < 400 {
			up = append(up, u)
		}
	}
	return up
}

// AliveGet uses GET: each body, and its connection, stays open.
func AliveGet(c *http.Client, urls []string) []string {
	var up []string
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close()
		if resp.StatusCode < 400 {
			up = append(up, u)
		}
	}
	return up
}
