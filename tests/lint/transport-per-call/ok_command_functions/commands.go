package commands

import (
	"net/http"
	"time"
)

// A command's state, as CLI frameworks hand it to what they run.
type subcommandState struct{ server string }

// Given the command's state and named Run...: it runs once per process.
func RunLogin(st *subcommandState) error {
	c := http.Client{Transport: &http.Transport{TLSHandshakeTimeout: 5 * time.Second}}
	resp, err := c.Post(st.server+"/login", "", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A command type's Run method (kong style), and what only it calls.
type upgradeCmd struct{ URL string }

func (u upgradeCmd) Run() error {
	if u.URL == "" {
		return nil
	}
	return upgradeViaAPI(u.URL)
}

func upgradeViaAPI(url string) error {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr, Timeout: time.Minute}
	resp, err := c.Post(url+"/upgrade", "", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Still a leak: named Run, but nothing says it is a command, and it is exported.
type Job struct{ url string }

func (j *Job) RunOnce() error {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get(j.url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
