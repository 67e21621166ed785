// Package tcpproxy is a TCP proxy for tests that put it between a client
// and a real server and then make the network misbehave: Stall keeps every
// connection open but stops forwarding bytes (a hung server, a dropped VPN
// or firewall state), Cut closes every connection at once (a proxy
// restart, a failover), Down refuses every connection (a server that is
// down) until Up. It imports nothing of custseg.
package tcpproxy

import (
	"net"
	"sync"
	"testing"
)

// Proxy forwards connections to Addr on to a target address.
type Proxy struct {
	// Addr is the host:port clients connect to.
	Addr string

	target string
	ln     net.Listener
	mu     sync.Mutex
	cond   *sync.Cond
	conns  map[net.Conn]struct{}
	stall  bool
	down   bool
	closed bool
	wg     sync.WaitGroup
}

// Start listens on a free port of 127.0.0.1 and forwards to target; the
// proxy is closed when the test ends.
func Start(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	p.cond = sync.NewCond(&p.mu)
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			c.Close()
			s.Close()
			return
		}
		p.conns[c], p.conns[s] = struct{}{}, struct{}{}
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(s, c)
		go p.pipe(c, s)
	}
}

// pipe copies from src to dst, holding each chunk while the proxy is
// stalled; it closes both ends when either fails.
func (p *Proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	defer func() {
		p.mu.Lock()
		delete(p.conns, src)
		delete(p.conns, dst)
		p.mu.Unlock()
		src.Close()
		dst.Close()
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			for p.stall && !p.closed {
				p.cond.Wait()
			}
			closed := p.closed
			p.mu.Unlock()
			if closed {
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Stall stops forwarding bytes on every connection, open and new, while
// keeping them open; new connections are still accepted.
func (p *Proxy) Stall() {
	p.mu.Lock()
	p.stall = true
	p.mu.Unlock()
}

// Resume forwards again what Stall held and what follows.
func (p *Proxy) Resume() {
	p.mu.Lock()
	p.stall = false
	p.mu.Unlock()
	p.cond.Broadcast()
}

// Down makes the server look down: every open connection is cut and new
// ones are accepted and closed at once, until Up.
func (p *Proxy) Down() {
	p.mu.Lock()
	p.down = true
	p.mu.Unlock()
	p.Cut()
}

// Up forwards new connections again after Down (and resumes a Stall).
func (p *Proxy) Up() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
	p.Resume()
}

// Cut closes every open connection, both sides, as a network drop or a
// proxy restart would; new connections are still accepted and forwarded.
func (p *Proxy) Cut() {
	p.mu.Lock()
	conns := make([]net.Conn, 0, len(p.conns))
	for c := range p.conns {
		conns = append(conns, c)
	}
	p.mu.Unlock()
	for _, c := range conns {
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0) // a reset, as a dropped route or a killed proxy gives
		}
		c.Close()
	}
}

// Close stops accepting and closes every connection.
func (p *Proxy) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	p.cond.Broadcast()
	p.ln.Close()
	p.Cut()
	p.wg.Wait()
}
