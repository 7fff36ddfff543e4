module example.com/plumber-examples/body-not-closed

go 1.19
