module example.com/tls-and-serve

go 1.19
