package tools

import (
	"net/http"
	"os/exec"
)

// Given an os/exec command: a helper that runs a process, called per job.
func runAndReport(cmd *exec.Cmd, url string) error {
	if err := cmd.Run(); err != nil {
		return err
	}
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Jobs(urls []string) error {
	for _, u := range urls {
		if err := runAndReport(exec.Command("true"), u); err != nil {
			return err
		}
	}
	return nil
}
