module example.com/seed-defer-in-one-branch

go 1.19
