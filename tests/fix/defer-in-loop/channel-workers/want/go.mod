module example.com/channel-workers

go 1.19
