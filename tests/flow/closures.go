package flow

func closures(xs []int) func() int {
	total := 0
	defer func() {
		for _, x := range xs {
			total += x
		}
	}()
	go func() {
		total++
	}()
	return func() int { return total }
}
