module example.com/context-per-attempt

go 1.19
