module example.com/trap-cleanup-func

go 1.19
