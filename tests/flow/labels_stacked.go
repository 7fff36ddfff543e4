package flow

func stacked(xs []int) int {
	n := 0
A:
B:
	for _, x := range xs {
		for {
			if x > 3 {
				break A
			}
			if x > 1 {
				continue B
			}
			n++
			break
		}
	}
	return n
}
