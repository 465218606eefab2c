// Package memo holds values made once per key, by the first goroutine that
// asks for them, while the others that ask for the same key wait.
package memo

import "sync"

// Map makes and keeps one value per key. The zero value is ready to use;
// it is safe for concurrent use.
type Map[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*entry[V]
}

type entry[V any] struct {
	once sync.Once
	v    V
}

// Get returns the value of k, made by mk on the first call for k. Calls
// for other keys do not wait for it.
func (m *Map[K, V]) Get(k K, mk func() V) V {
	m.mu.Lock()
	if m.m == nil {
		m.m = map[K]*entry[V]{}
	}
	e := m.m[k]
	if e == nil {
		e = &entry[V]{}
		m.m[k] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v = mk() })
	return e.v
}
