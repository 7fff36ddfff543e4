module example.com/crlf-nolint

go 1.19
