module example.com/no-fix-in-loop

go 1.19
