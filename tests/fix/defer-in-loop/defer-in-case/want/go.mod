module example.com/defer-in-case

go 1.19
