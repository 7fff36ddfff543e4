module example.com/plumber-examples/close-before-check

go 1.19
