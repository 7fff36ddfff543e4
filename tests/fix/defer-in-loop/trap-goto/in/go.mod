module example.com/trap-goto

go 1.19
