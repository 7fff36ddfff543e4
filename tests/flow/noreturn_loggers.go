package flow

import (
	"fmt"
	"os"
	"testing"

	"github.com/rs/zerolog/log"
	"github.com/sirupsen/logrus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/klog/v2"
)

// Each branch ends in a call that does not return: its block goes to noreturn.
func exits(n int, err error) {
	if n == 1 {
		log.Fatal().Err(err).Msg("cannot start")
	}
	if n == 2 {
		log.Fatal().Err(err).Send()
	}
	if n == 3 {
		log.Panic().Msgf("bad %d", n)
	}
	if n == 4 {
		klog.Exitf("cannot start: %v", err)
	}
	if n == 5 {
		klog.FatalDepth(1, err)
	}
	if n == 6 {
		logrus.WithError(err).Fatal("cannot start")
	}
	if n == 7 {
		klog.FlushAndExit(klog.ExitFlushTimeout, 1)
	}
	if n == 8 {
		die("cannot start: %v", err)
	}
	if n == 9 {
		klog.Exit(err)
	}
	if n == 10 {
		logrus.Exit(1)
	}
}

// These return: the path goes on after them.
func returns(n int, err error, w walker) {
	if n == 1 {
		log.Error().Err(err).Msg("not fatal")
	}
	if n == 2 {
		kingpinApp.FatalIfError(err, "only when err is set")
	}
	if n == 3 {
		w.Exit(nodeStruct)
	}
	if n == 4 {
		log.WithLevel(0).Msg("level chosen at run time")
	}
	if n == 5 {
		warn("keep going: %v", err)
	}
	if n == 6 {
		stats.FatalError()
	}
}

func testing1(t *testing.T, err error) {
	assert.Panics(t, func() { panic("x") })
	if err != nil {
		require.FailNow(t, "setup failed")
	}
	t.Log("after")
}

func die(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(1)
}

func warn(format string, args ...interface{}) {
	if len(args) > 10 {
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, format, args...)
}
