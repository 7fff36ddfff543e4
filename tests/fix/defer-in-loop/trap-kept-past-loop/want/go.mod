module example.com/trap-kept-past-loop

go 1.19
