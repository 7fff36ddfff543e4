module example.com/labeled-continue

go 1.19
