module example.com/passesover

go 1.19
