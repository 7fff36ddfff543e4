module example.com/helperresp

go 1.19
