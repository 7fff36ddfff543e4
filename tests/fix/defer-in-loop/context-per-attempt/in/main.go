package main

import (
	"context"
	"fmt"
	"net"
	"time"
)

// firstUp dials until one address answers; each attempt's timeout
// context stays registered until firstUp returns.
func firstUp(ctx context.Context, addrs []string) (string, error) {
	var d net.Dialer
	for _, a := range addrs {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		c, err := d.DialContext(ctx, "tcp", a)
		if err != nil {
			continue
		}
		c.Close()
		return a, nil
	}
	return "", fmt.Errorf("none of %d addresses answered", len(addrs))
}

func main() {
	fmt.Println(firstUp(context.Background(), []string{"127.0.0.1:1"}))
}
