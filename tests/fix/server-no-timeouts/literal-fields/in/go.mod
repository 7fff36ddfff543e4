module example.com/literal-fields

go 1.19
