module example.com/no-fix-shapes

go 1.19
