module example.com/trap-closure-reads-outer

go 1.19
