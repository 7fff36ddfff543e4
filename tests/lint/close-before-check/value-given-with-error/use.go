package archive

import "io"

// Concat may close before checking: openAll's closer is never nil.
func Concat(w io.Writer, paths []string) error {
	rs, c, err := openAll(paths)
	defer c.Close()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, io.MultiReader(rs...))
	return err
}

// First may not: openOne gives a nil reader with its error.
func First(w io.Writer, paths []string) error {
	r, err := openOne(paths[0])
	defer r.Close()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}
