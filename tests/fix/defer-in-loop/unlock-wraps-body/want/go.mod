module example.com/unlock-wraps-body

go 1.19
