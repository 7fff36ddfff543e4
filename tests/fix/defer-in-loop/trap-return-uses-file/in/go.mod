module example.com/trap-return-uses-file

go 1.19
