package flow

func ifElse(a bool) int {
	x := 0
	if a {
		x = 1
	} else if !a {
		x = 2
	} else {
		return 3
	}
	return x
}
