module example.com/closed-by-hand

go 1.19
