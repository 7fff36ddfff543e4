module example.com/zero-values

go 1.19
