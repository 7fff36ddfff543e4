module example.com/single-import

go 1.19
