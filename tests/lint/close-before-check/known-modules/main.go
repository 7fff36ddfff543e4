package events

import (
	"github.com/nats-io/nats.go"
	"golang.org/x/sys/windows/registry"
	"google.golang.org/grpc"
)

// nats.go's Conn.Close and Subscription.Unsubscribe check for nil.
func Listen(url string) error {
	nc, err := nats.Connect(url)
	defer nc.Close()
	if err != nil {
		return err
	}
	sub, err := nc.SubscribeSync("events")
	defer sub.Unsubscribe()
	if err != nil {
		return err
	}
	_, err = sub.NextMsg(0)
	return err
}

// A registry key is a handle (an integer), never nil.
func ReadKey(path string) error {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, path, registry.READ)
	defer k.Close()
	if err != nil {
		return err
	}
	return nil
}

// grpc's ClientConn.Close dereferences it: reported, hedged (its type is not
// in plumber's tables).
func Call(target string) error {
	conn, err := grpc.Dial(target)
	defer conn.Close()
	if err != nil {
		return err
	}
	return nil
}
