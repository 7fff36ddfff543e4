package wait

import "time"

// Await starts the timeout once, when the request is written, and waits
// on its channel in the following iterations: the timer is kept on purpose.
func Await(written <-chan error, reply <-chan string, d time.Duration) (string, bool) {
	var timeout <-chan time.Time
	for {
		select {
		case err := <-written:
			if err != nil {
				return "", false
			}
			t := time.NewTimer(d)
			defer t.Stop()
			timeout = t.C
		case <-timeout:
			return "", false
		case r := <-reply:
			return r, true
		}
	}
}

// Poll makes a new ticker per round and stops none of them until it
// returns: they all keep firing.
func Poll(rounds int, d time.Duration, check func() bool) bool {
	for i := 0; i < rounds; i++ {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for j := 0; j < 3; j++ {
			<-tk.C
			if check() {
				return true
			}
		}
	}
	return false
}
