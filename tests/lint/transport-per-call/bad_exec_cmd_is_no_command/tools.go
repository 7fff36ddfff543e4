package tools

import (
	"net/http"

	"github.com/spf13/cobra"
)

// Given the command: what it runs, once per process.
func runUpload(cmd *cobra.Command, args []string) error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Post(args[0], "application/octet-stream", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
