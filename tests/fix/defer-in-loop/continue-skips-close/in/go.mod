module example.com/continue-skips-close

go 1.19
