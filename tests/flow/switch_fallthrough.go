package flow

func sw(x int, err error) int {
	switch {
	case err != nil:
		return -1
	case x > 10:
		x = 10
		fallthrough
	case x > 5:
		x++
	default:
		x = 0
	}
	switch x {
	case 1, 2:
		return 1
	}
	return x
}
