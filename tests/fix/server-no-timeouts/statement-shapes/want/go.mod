module example.com/statement-shapes

go 1.19
