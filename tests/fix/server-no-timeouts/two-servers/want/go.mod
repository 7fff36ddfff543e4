module example.com/two-servers

go 1.19
