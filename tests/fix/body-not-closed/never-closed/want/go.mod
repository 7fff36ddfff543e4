module example.com/never-closed

go 1.19
