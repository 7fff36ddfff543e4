module example.com/reqcheck

go 1.19
