module example.com/plumber-examples/transport-per-call

go 1.19
