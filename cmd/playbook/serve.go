package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/playbookhq/playbook/generator/build"
	"github.com/playbookhq/playbook/generator/output"
	"github.com/playbookhq/playbook/generator/serve"
	"github.com/playbookhq/playbook/generator/watch"
	"github.com/playbookhq/playbook/themes"
)

// serveFlags are the flags of playbook serve that are not the build's.
type serveFlags struct {
	bind    string
	port    int
	open    bool
	poll    time.Duration
	allowed []string
}

func newServeCmd() *cobra.Command {
	cfg := build.Config{DefaultTheme: themes.Default()}
	var sf serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilding and reloading it as you edit",
		Long: `Serve the site from memory (nothing is written to public/) and rebuild it
on every change to content, themes, i18n and playbook.toml. Open pages
reload when a rebuild changes them, swap stylesheets when only CSS changed,
and show the build's errors over the page while the site is broken; the
last good version stays served meanwhile.

It listens on 127.0.0.1 only, unless --bind says otherwise. Without --port
it takes the next free port when 1313 is in use. File changes are watched
with the system's notifications; --poll checks the files every INTERVAL
(1s by default) instead, for network drives and containers where
notifications do not arrive. Stop it with Ctrl-C.

So that no web page elsewhere can read the preview by DNS rebinding, it
answers only requests for localhost, 127.0.0.1, [::1], the --bind address,
the IP address a request arrived at (with --bind 0.0.0.0: any of this
machine's addresses) and the names given with --allowed-host, on any port;
it refuses every other host name with 403 Forbidden. Give --allowed-host
NAME (repeatable) to open the preview under another name, such as the
machine's name on the network or a tunnel's or proxy's name.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, cfg, sf) },
	}
	f := cmd.Flags()
	f.StringVarP(&cfg.SourceDir, "source", "s", ".", "site folder holding content/ and playbook.toml")
	f.IntVarP(&sf.port, "port", "p", 1313, "port to listen on (0 picks any free port)")
	f.StringVar(&sf.bind, "bind", "127.0.0.1", "address to listen on (0.0.0.0 for every interface)")
	f.BoolVar(&sf.open, "open", false, "open the preview in the default browser")
	f.StringArrayVar(&sf.allowed, "allowed-host", nil, "also answer requests for host `NAME`, on any port (repeatable; other names get 403)")
	f.DurationVar(&sf.poll, "poll", 0, "check files for changes every `INTERVAL` instead of using notifications (--poll alone: 1s)")
	f.Lookup("poll").NoOptDefVal = "1s"
	f.BoolVar(&cfg.Drafts, "drafts", false, "include pages marked draft")
	f.StringVar(&cfg.BaseURL, "base-url", "", "`URL` or path the site is published at, such as https://example.com/handbook/ or /handbook/ (overrides baseURL)")
	return cmd
}

// minPoll is the shortest --poll interval: each poll lists every folder
// of the site, and a shorter one keeps a core busy on a large site.
const minPoll = 100 * time.Millisecond

// runServe listens, says where the preview is and serves it until the
// command's context ends.
func runServe(cmd *cobra.Command, cfg build.Config, sf serveFlags) error {
	if err := checkBaseURL(cfg.BaseURL); err != nil {
		return &exitError{code: 2, err: err}
	}
	hosts, err := allowedHosts(sf.bind, sf.allowed)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if cmd.Flags().Changed("poll") && sf.poll > 0 && sf.poll < minPoll {
		return &exitError{code: 2, err: fmt.Errorf("--poll %v: polling reads every folder each time; give at least %v", sf.poll, minPoll)}
	}
	// The preview server holds the whole site for as long as it runs, and
	// its edits allocate little: collecting at 30% heap growth, not Go's
	// usual 100%, keeps its footprint near what it holds, for a little more
	// work in the first build (at 10,000 pages: a peak of 868 MB instead of
	// 984 MB at 50%, over a first build and a re-render of every page, for
	// 2 more CPU seconds in 45). GOGC, when set, decides instead.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(30)
	}
	ln, moved, err := serve.Listen(sf.bind, sf.port, !cmd.Flags().Changed("port"))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	addr := ln.Addr().(*net.TCPAddr)
	url := previewURL(sf.bind, addr.Port)
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if moved {
		fmt.Fprintf(stderr, "Port %d is in use; using %d instead.\n", sf.port, addr.Port)
	}
	if ip := net.ParseIP(sf.bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "Listening on %s: other machines on the network can see the preview, by this machine's IP address or a name given with --allowed-host.\n", sf.bind)
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", cfg.SourceDir, url)
	opts := []serve.Option{serve.WithOutput(stdout, stderr), serve.WithAllowedHosts(hosts...)}
	if cmd.Flags().Changed("poll") {
		opts = append(opts, serve.WithWatch(watch.WithPoll(sf.poll)))
	}
	if sf.open {
		openBrowser(url, stderr)
	}
	if err := serve.New(build.NewSession(cfg, output.NewMem()), opts...).Run(cmd.Context(), ln); err != nil {
		return &exitError{code: 1, err: err}
	}
	return nil
}

// previewURL is the address of the preview listening on port of the
// --bind address; localhost when it listens on every interface.
func previewURL(bind string, port int) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

// allowedHosts returns the host names the preview answers besides
// localhost and the loopback addresses: the --bind address (when it names
// one) and the --allowed-host names, which must be host names or IP
// addresses without scheme or port.
func allowedHosts(bind string, names []string) ([]string, error) {
	for _, n := range names {
		if err := serve.CheckAllowedHost(n); err != nil {
			return nil, fmt.Errorf("--allowed-host: %w", err)
		}
	}
	if bind == "" {
		return names, nil
	}
	return append([]string{bind}, names...), nil
}

// openBrowser opens url in the default browser, without waiting for it.
func openBrowser(url string, stderr interface{ Write([]byte) (int, error) }) {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	if err := c.Start(); err != nil {
		fmt.Fprintf(stderr, "Cannot open a browser (%v); open %s yourself.\n", err, url)
		return
	}
	go func() { _ = c.Wait() }()
}
