module example.com/plumber-examples/buffered-file-response

go 1.19
