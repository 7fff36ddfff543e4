module example.com/seed-log-fatal

go 1.19
