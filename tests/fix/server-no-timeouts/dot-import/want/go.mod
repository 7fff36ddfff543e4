module example.com/dot-import

go 1.19
