module example.com/dropped

go 1.19
