module example.com/every-exit

go 1.19
