package flow

import (
	"log"
	"os"
)

func gotoAndExit(n int) int {
again:
	n--
	if n > 0 {
		goto again
	}
	if n < -5 {
		log.Fatal("too low")
	}
	if n < -3 {
		os.Exit(2)
	}
	if n < -1 {
		panic("low")
	}
	select {}
}
