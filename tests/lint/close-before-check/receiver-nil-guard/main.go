package session

import "errors"

type Session struct {
	id     string
	closed bool
}

// Close is written to be called on nil.
func (s *Session) Close() error {
	if s == nil {
		return nil
	}
	s.closed = true
	return nil
}

// Flush is not: it writes through s.
func (s *Session) Flush() error {
	s.closed = false
	return nil
}

func open(id string) (*Session, error) {
	if id == "" {
		return nil, errors.New("empty id")
	}
	return &Session{id: id}, nil
}

func Use(id string) error {
	s, err := open(id)
	defer s.Close()
	if err != nil {
		return err
	}
	return nil
}

func UseAndFlush(id string) error {
	s, err := open(id)
	defer s.Flush()
	if err != nil {
		return err
	}
	return nil
}
