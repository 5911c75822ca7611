module finch-stand-in

go 1.19
