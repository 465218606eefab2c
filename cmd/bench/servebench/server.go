package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is a running "playbook serve".
type server struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT
	client *http.Client
	lines  chan string   // the server's output, line by line
	events chan string   // names of the events on its event stream
	exited chan struct{} // closed when the process has ended
	logMu  sync.Mutex
	log    bytes.Buffer // the last of its output, for errors
	// restAt is when the server last said it rendered the pages not open,
	// editAt when the last timed edit was written.
	restMu         sync.Mutex
	restAt, editAt time.Time
}

var servingRE = regexp.MustCompile(`^Serving .* at (http://[^ ]+?)/? \(`)

// start runs "BIN serve -s SITE -p 0" and returns once it has said where it
// listens; its first build is still running then.
func start(ctx context.Context, bin, site string) (*server, error) {
	s := &server{
		cmd:    exec.Command(bin, "serve", "-s", site, "-p", "0"),
		client: &http.Client{Timeout: time.Minute},
		lines:  make(chan string, 1024),
		events: make(chan string, 64),
		exited: make(chan struct{}),
	}
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s.cmd.Stderr = s.cmd.Stdout
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go s.read(out)
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	for {
		line, err := s.next(ctx, time.Minute)
		if err != nil {
			s.stop()
			return nil, err
		}
		if m := servingRE.FindStringSubmatch(line); m != nil {
			s.base = strings.TrimSuffix(m[1], "/")
			return s, nil
		}
	}
}

// read copies the server's output to s.lines and keeps its last 4 KB.
func (s *server) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		s.logMu.Lock()
		s.log.WriteString(line + "\n")
		if s.log.Len() > 4096 {
			s.log.Next(s.log.Len() - 4096)
		}
		s.logMu.Unlock()
		if restRE.MatchString(line) {
			s.restMu.Lock()
			s.restAt = time.Now()
			s.restMu.Unlock()
		}
		if builtRE.MatchString(line) || rebuiltRE.MatchString(line) || strings.HasPrefix(line, "Build failed") {
			// What the benchmark waits for: never dropped, though a
			// handbook's thousands of warnings fill the channel first.
			s.lines <- line
			continue
		}
		select {
		case s.lines <- line:
		default: // nobody is waiting for the server's words now
		}
	}
}

// next returns the server's next line of output.
func (s *server) next(ctx context.Context, timeout time.Duration) (string, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case line := <-s.lines:
		return line, nil
	case <-s.exited:
		return "", fmt.Errorf("playbook serve ended: %s", s.lastOutput())
	case <-t.C:
		return "", fmt.Errorf("playbook serve said nothing for %v: %s", timeout, s.lastOutput())
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (s *server) lastOutput() string {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return strings.TrimSpace(s.log.String())
}

var builtRE = regexp.MustCompile(`^Built (\d+) pages.* in (\d+) ms`)

// firstBuild waits for the line that reports the first build and returns
// the pages and the build time it gives.
func (s *server) firstBuild(ctx context.Context, timeout time.Duration) (pages int, d time.Duration, err error) {
	for {
		line, err := s.next(ctx, timeout)
		if err != nil {
			return 0, 0, err
		}
		if strings.HasPrefix(line, "Build failed") {
			return 0, 0, fmt.Errorf("the first build failed: %s", s.lastOutput())
		}
		if m := builtRE.FindStringSubmatch(line); m != nil {
			pages, _ = strconv.Atoi(m[1])
			ms, _ := strconv.Atoi(m[2])
			return pages, time.Duration(ms) * time.Millisecond, nil
		}
	}
}

// listen reads the event stream until ctx ends, sending each event's name
// to s.events (dropping it when the channel is full: the pages are polled
// too).
func (s *server) listen(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", s.base+"/_playbook/events", nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{}).Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("GET /_playbook/events: %s", resp.Status)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				select {
				case s.events <- name:
				default:
				}
			}
		}
	}()
	return nil
}

// get returns the body of the page at path (an error unless 200 OK).
func (s *server) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", s.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return body, err
}

// memory returns the server's VmRSS and VmHWM in kB.
func (s *server) memory() (rss, hwm int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	for line := range strings.Lines(string(b)) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			rss, _ = strconv.ParseInt(f[1], 10, 64)
		case "VmHWM:":
			hwm, _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	if rss == 0 || hwm == 0 {
		err = errors.New("no VmRSS or VmHWM in /proc/PID/status")
	}
	return rss, hwm, err
}

// cpuTicks returns the user and system CPU time the server has used, in
// clock ticks (from /proc/PID/stat).
func (s *server) cpuTicks() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: count the
	// fields after its closing parenthesis (utime and stime are the 14th
	// and 15th of the whole line).
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("cannot read /proc/PID/stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("cannot read /proc/PID/stat")
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64)
	sys, err2 := strconv.ParseInt(f[12], 10, 64)
	return user + sys, errors.Join(err1, err2)
}

// settle waits until at least min has passed and the server has used less
// than 10 ms of CPU (one clock tick at 100 Hz) in each of two 0.25 s
// intervals in a row: the rebuild and the search index update that
// follows it are done.
func (s *server) settle(ctx context.Context, min, timeout time.Duration) error {
	const interval = 250 * time.Millisecond
	deadline := time.Now().Add(timeout)
	if err := sleep(ctx, min); err != nil {
		return err
	}
	last, err := s.cpuTicks()
	quiet := 0
	for err == nil && quiet < 2 {
		if time.Now().After(deadline) {
			return fmt.Errorf("the server was still busy after %v", timeout)
		}
		if err = sleep(ctx, interval); err != nil {
			return err
		}
		var now int64
		now, err = s.cpuTicks()
		if now-last <= 1 {
			quiet++
		} else {
			quiet = 0
		}
		last = now
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

var restRE = regexp.MustCompile(`^Rendered the pages not open in \d+ ms`)

// restTime returns the time from the last timed edit to the server's line
// saying that it rendered the pages not open, when it said so since.
func (s *server) restTime() (time.Duration, bool) {
	s.restMu.Lock()
	defer s.restMu.Unlock()
	if !s.restAt.After(s.editAt) {
		return 0, false
	}
	return s.restAt.Sub(s.editAt), true
}

var rebuiltRE = regexp.MustCompile(`^(Rebuilt|Fixed: rebuilt) in \d+ ms`)

// rebuilds returns the lines of output that report rebuilds since the
// last call.
func (s *server) rebuilds() []string {
	var out []string
	for {
		select {
		case line := <-s.lines:
			if rebuiltRE.MatchString(line) {
				out = append(out, line)
			}
		default:
			return out
		}
	}
}

// stop interrupts the server, as Ctrl-C does, and kills it if it has not
// ended 10 s later.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}
