package conf

import (
	"encoding/json"
	"os"
)

func Load(path string, v interface{}) error {
	f, err := os.Open(path)
	defer f.Close()
	if err != nil {
		return err
	}
	return json.NewDecoder(f).Decode(v)
}
