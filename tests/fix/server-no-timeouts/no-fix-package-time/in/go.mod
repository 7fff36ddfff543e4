module example.com/no-fix-package-time

go 1.19
