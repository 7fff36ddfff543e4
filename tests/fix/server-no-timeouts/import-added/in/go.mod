module example.com/import-added

go 1.19
