module example.com/plumber-examples/defer-in-loop

go 1.19
