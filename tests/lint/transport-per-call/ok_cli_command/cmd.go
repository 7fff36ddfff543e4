package main

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"os"

	"github.com/spf13/cobra"
)

func newLogoutCommand() *cobra.Command {
	var insecure bool
	return &cobra.Command{
		Use: "logout",
		Run: func(c *cobra.Command, args []string) {
			if err := revoke(args[0], insecure); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
	}
}

// Reached only from the command's Run: runs once per process.
func revoke(server string, insecure bool) error {
	client := &http.Client{}
	if insecure {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		client.Transport = tr
	}
	resp, err := client.Post(server+"/logout", "", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func newStatusCommand() *cobra.Command {
	return &cobra.Command{Use: "status", RunE: runStatus}
}

// A command's run function by reference.
func runStatus(c *cobra.Command, args []string) error {
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get(args[0])
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// But a loop inside a run function makes one per iteration.
func runWatch(c *cobra.Command, args []string) error {
	for _, url := range args {
		client := &http.Client{Transport: &http.Transport{}}
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// And a helper called from a loop runs per iteration.
func poll(urls []string) {
	for _, u := range urls {
		probe(u)
	}
}

func probe(url string) {
	client := &http.Client{Transport: &http.Transport{}}
	if resp, err := client.Get(url); err == nil {
		resp.Body.Close()
	}
}

// An exported function may be called from anywhere.
func Probe(url string) {
	client := &http.Client{Transport: &http.Transport{}}
	if resp, err := client.Get(url); err == nil {
		resp.Body.Close()
	}
}

func main() {
	root := &cobra.Command{Use: "tool"}
	root.AddCommand(newLogoutCommand(), newStatusCommand())
	poll(os.Args[1:])
	_ = root.Execute()
}
