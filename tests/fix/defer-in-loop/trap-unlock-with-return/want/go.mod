module example.com/trap-unlock-with-return

go 1.19
