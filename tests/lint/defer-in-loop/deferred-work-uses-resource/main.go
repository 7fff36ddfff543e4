package ns

import (
	"log"
	"syscall"
)

func restore(fd int) error { return nil }

// Enter opens a handle per namespace and, at the return, uses each to
// restore the original state before closing it: held on purpose.
func Enter(paths []string, enter func(string) error) error {
	for _, p := range paths {
		fd, err := syscall.Open(p, syscall.O_RDONLY, 0)
		if err != nil {
			return err
		}
		defer func() {
			if err := restore(fd); err != nil {
				log.Print(err)
			}
			syscall.Close(fd)
		}()
		if err := enter(p); err != nil {
			return err
		}
	}
	return nil
}

// Stat only logs the handle before closing it at the return.
func Stat(paths []string) error {
	for _, p := range paths {
		fd, err := syscall.Open(p, syscall.O_RDONLY, 0)
		if err != nil {
			return err
		}
		defer func() {
			log.Printf("closing %d", fd)
			syscall.Close(fd)
		}()
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err != nil {
			return err
		}
	}
	return nil
}
