package serve

import "context"

// Start runs the event hub until ctx is cancelled, as Run does, for tests
// that use Handler alone.
func (s *Server) Start(ctx context.Context) {
	go s.hub.Run(ctx)
}

// clients returns the number of open streams (-1 once stopped).
func (h *hub) clients() int {
	reply := make(chan int, 1)
	select {
	case h.count <- reply:
		return <-reply
	case <-h.done:
		return -1
	}
}
