package flow

func loops(xs []int, ch chan int) int {
	n := 0
outer:
	for i := 0; i < 10; i++ {
		for _, x := range xs {
			if x == 0 {
				continue outer
			}
			if x < 0 {
				break outer
			}
			n += x
		}
	}
	for {
		select {
		case v := <-ch:
			n += v
		default:
			return n
		}
	}
}
