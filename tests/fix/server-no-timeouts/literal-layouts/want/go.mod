module example.com/literal-layouts

go 1.19
