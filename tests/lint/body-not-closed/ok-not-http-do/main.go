package svc

// A redis-style client: Do is not HTTP.
type conn struct{}

func (conn) Do(cmd string, args ...interface{}) (interface{}, error) { return nil, nil }

func get(c conn, key string) (interface{}, error) {
	v, err := c.Do("GET", key)
	if err != nil {
		return nil, err
	}
	return v, nil
}
