package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type config struct {
	Options  map[string]any
	Messages []string
}

// load opens one file per layer kind and closes none before it returns.
func load(kinds map[string]string) (*config, error) {
	var c config
	for kind, name := range kinds {
		switch kind {
		case "options":
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}

			if err := json.NewDecoder(f).Decode(&c.Options); err != nil {
				f.Close()
				return nil, err
			}
			f.Close()
		case "messages":
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}
			if err := json.NewDecoder(f).Decode(&c.Messages); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			fmt.Println("messages from", name)
			f.Close()
		}
	}
	return &c, nil
}

func main() {
	fmt.Println(load(map[string]string{}))
}
