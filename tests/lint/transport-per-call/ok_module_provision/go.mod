module example.com/certsource

go 1.21
