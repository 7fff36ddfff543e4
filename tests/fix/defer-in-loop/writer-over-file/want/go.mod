module example.com/writer-over-file

go 1.19
