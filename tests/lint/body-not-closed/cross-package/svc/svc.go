package svc

import (
	"net/http"

	"example.com/app/util"
	"example.org/ext"
)

func closedByHelper(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer util.CloseBody(resp)
	return nil
}

func closedTwoPackagesAway(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	util.Drain(resp)
	return nil
}

func onlyLogged(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	util.LogStatus(resp)
	return nil
}

func kept(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	util.Keep(resp)
	return nil
}

func fetchedNotClosed(u string) (int, error) {
	resp, err := util.Fetch(u)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func fetchedClosed(u string) (int, error) {
	resp, err := util.Fetch(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// ext is another module: its code is not here, so it takes the response over.
func handedToOtherModule(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	ext.Handle(resp)
	return nil
}
