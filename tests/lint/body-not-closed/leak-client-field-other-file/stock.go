package inventory

import "fmt"

// InStock names no HTTP package, and returns no error: the client is
// a field declared in client.go, and the leak is a response never closed.
func (s *Store) InStock(sku string) bool {
	r, err := s.web.Get(fmt.Sprintf("%s/items/%s", s.base, sku))
	if err != nil {
		return false
	}
	return r.StatusCode == 200
}

// Count hands what it gets to a helper that closes it: silent.
func (s *Store) Count(sku string) int {
	r, err := s.web.Get(s.base + "/count/" + sku)
	if err != nil {
		return 0
	}
	return status(r)
}
