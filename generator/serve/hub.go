package serve

import "context"

// message is one Server-Sent Event.
type message struct {
	event string
	data  []byte
}

// client is one open event stream.
type client struct {
	ch chan message
}

// clientBuffer is how many events a client may fall behind before it is
// dropped; its browser reconnects and catches up from the hello event.
const clientBuffer = 16

// hub fans events out to the open event streams. It is a value owned by
// its Run goroutine (hugo's livereload hub, without the package-level
// singleton): streams register and unregister through channels, and a
// broadcast never waits for a slow stream, it drops it.
type hub struct {
	register   chan *client
	unregister chan *client
	broadcast  chan message
	count      chan chan int
	done       chan struct{}
}

func newHub() *hub {
	return &hub{
		register:   make(chan *client),
		unregister: make(chan *client),
		broadcast:  make(chan message),
		count:      make(chan chan int),
		done:       make(chan struct{}),
	}
}

// Run serves the hub until ctx is cancelled, then closes every stream.
func (h *hub) Run(ctx context.Context) {
	clients := map[*client]bool{}
	defer close(h.done)
	for {
		select {
		case <-ctx.Done():
			for c := range clients {
				close(c.ch)
			}
			return
		case c := <-h.register:
			clients[c] = true
		case c := <-h.unregister:
			if clients[c] {
				delete(clients, c)
				close(c.ch)
			}
		case m := <-h.broadcast:
			for c := range clients {
				select {
				case c.ch <- m:
				default:
					// Too slow: drop it rather than hold up the others.
					delete(clients, c)
					close(c.ch)
				}
			}
		case reply := <-h.count:
			reply <- len(clients)
		}
	}
}

// add registers a new stream, or returns nil when the hub has stopped.
func (h *hub) add() *client {
	c := &client{ch: make(chan message, clientBuffer)}
	select {
	case h.register <- c:
		return c
	case <-h.done:
		return nil
	}
}

// remove unregisters a stream; its channel is closed.
func (h *hub) remove(c *client) {
	select {
	case h.unregister <- c:
	case <-h.done:
	}
}

// send broadcasts an event to every stream.
func (h *hub) send(m message) {
	select {
	case h.broadcast <- m:
	case <-h.done:
	}
}
