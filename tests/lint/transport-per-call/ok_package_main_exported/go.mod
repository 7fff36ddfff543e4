module example.com/fleetctl

go 1.21
