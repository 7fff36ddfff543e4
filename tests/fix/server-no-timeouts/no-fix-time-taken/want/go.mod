module example.com/no-fix-time-taken

go 1.19
