package main

// time is the build's Unix time, set by the linker in release builds.
func time() int64 { return buildTime }

var buildTime int64

func built() int64 { return time() }
