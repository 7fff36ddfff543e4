module example.com/seed-explicit-close

go 1.19
