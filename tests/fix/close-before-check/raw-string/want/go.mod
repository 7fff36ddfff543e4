module example.com/nofix

go 1.19
