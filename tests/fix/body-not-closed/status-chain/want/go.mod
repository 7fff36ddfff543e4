module example.com/statuschain

go 1.19
