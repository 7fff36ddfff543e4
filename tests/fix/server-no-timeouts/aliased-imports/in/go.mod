module example.com/aliased-imports

go 1.19
