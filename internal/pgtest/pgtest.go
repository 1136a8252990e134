package pgtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// RequireEnv, set to 1, makes a test that finds no PostgreSQL fail
// rather than skip.
const RequireEnv = "AITRACKER_REQUIRE_POSTGRES"

// ErrNotInstalled is returned by Start when initdb or postgres cannot
// be found.
var ErrNotInstalled = errors.New("pgtest: PostgreSQL server binaries (initdb, postgres) not found on PATH or in /usr/lib/postgresql/*/bin; install them with: apt-get install postgresql")

// Server is a PostgreSQL server of the test binary, on 127.0.0.1.
type Server struct {
	// Port is the server's TCP port on 127.0.0.1.
	Port int
	dir  string
	cmd  *exec.Cmd
	done chan struct{} // closed when the server process has exited
	log  *tail
	n    atomic.Int64
}

// Start makes a new cluster in a temporary directory and starts its
// server on a free port of 127.0.0.1. Stop it with Stop.
func Start(ctx context.Context) (*Server, error) {
	initdb, postgres, err := binaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "aitracker-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	s := &Server{dir: dir, log: &tail{max: 64 << 10}}
	cred, err := credential(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	// trust: the server listens on loopback and a socket in a private
	// directory, for the test binary alone. --no-sync: the cluster is
	// thrown away.
	init := exec.CommandContext(ctx, initdb, "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	init.Env = append(os.Environ(), "LC_ALL=C")
	setCredential(init, cred)
	if out, err := init.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: initdb: %w\n%s", err, out)
	}
	for range 3 { // another process may take the free port before the server does
		if err = s.start(ctx, postgres, data, cred); err == nil {
			return s, nil
		}
	}
	os.RemoveAll(dir)
	return nil, err
}

// start runs the server and waits until it says it is ready, or exits.
func (s *Server) start(ctx context.Context, postgres, data string, cred *cred) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.log.reset()
	// Durability is off: the cluster lives as long as the test binary.
	// The least WAL (no replicas) makes CREATE DATABASE … FILE_COPY a
	// plain copy of the template.
	cmd := exec.Command(postgres, "-D", data, "-k", s.dir, "-h", "127.0.0.1", "-p", strconv.Itoa(port),
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "wal_level=minimal", "-c", "max_wal_senders=0",
		"-c", "max_connections=200", "-c", "lc_messages=C", "-c", "logging_collector=off")
	setCredential(cmd, cred)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgtest: start postgres: %w", err)
	}
	ready := make(chan struct{})
	s.done = make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		once := sync.Once{}
		for sc.Scan() {
			line := sc.Text()
			s.log.add(line)
			if strings.Contains(line, "database system is ready to accept connections") {
				once.Do(func() { close(ready) })
			}
		}
		io.Copy(io.Discard, stderr)
		cmd.Wait()
		close(s.done)
	}()
	select {
	case <-ready:
		s.cmd, s.Port = cmd, port
		return nil
	case <-s.done:
		return fmt.Errorf("pgtest: postgres exited before it was ready:\n%s", s.log)
	case <-ctx.Done():
		cmd.Process.Kill()
		<-s.done
		return ctx.Err()
	}
}

// Stop stops the server (a fast shutdown: sessions are ended) and
// removes its directory.
func (s *Server) Stop() error {
	if s.cmd != nil {
		s.cmd.Process.Signal(os.Interrupt)
		<-s.done
	}
	return os.RemoveAll(s.dir)
}

// DSN is the connection string of a database on the server.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, db)
}

// NewDatabase creates an empty database and returns its connection
// string.
func (s *Server) NewDatabase(ctx context.Context) (string, error) {
	name := "t" + strconv.FormatInt(s.n.Add(1), 10)
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return "", fmt.Errorf("pgtest: %w", err)
	}
	defer conn.Close(context.Background())
	// FILE_COPY (PostgreSQL 15 and later) is the fast way here; older
	// servers know only that one, and refuse the option.
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" STRATEGY = FILE_COPY"); err != nil {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
			return "", fmt.Errorf("pgtest: create database: %w", err)
		}
	}
	return s.DSN(name), nil
}

// binaries finds initdb and postgres: on PATH, else in the newest
// /usr/lib/postgresql/VERSION/bin, where Debian puts them.
func binaries() (initdb, postgres string, err error) {
	initdb, err1 := exec.LookPath("initdb")
	postgres, err2 := exec.LookPath("postgres")
	if err1 == nil && err2 == nil {
		return initdb, postgres, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		i, p := filepath.Join(d, "initdb"), filepath.Join(d, "postgres")
		if isExec(i) && isExec(p) {
			return i, p, nil
		}
	}
	return "", "", ErrNotInstalled
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func isExec(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// cred is the user the server runs as: nil for the current one.
type cred struct{ uid, gid uint32 }

// credential is who runs the server: the current user, or, as root
// (which PostgreSQL refuses), the user postgres, to whom dir is given.
func credential(dir string) (*cred, error) {
	if os.Getuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root, and PostgreSQL will not: %w (the postgresql package creates the user postgres)", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	if err := os.Chown(dir, int(uid), int(gid)); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	return &cred{uint32(uid), uint32(gid)}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail keeps the last max bytes of the server's log, for errors.
type tail struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, line...)
	t.b = append(t.b, '\n')
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
}

func (t *tail) reset() {
	t.mu.Lock()
	t.b = nil
	t.mu.Unlock()
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// The test binary's server, started by the first test that asks for a
// database and stopped by Main.
var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Main runs the tests of a package whose tests call NewDatabase, then
// stops the server if one was started. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		if err := shared.srv.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

// Private starts a server of the test's own, stopped when it ends, for
// a package that has no TestMain calling Main. It skips or fails the
// test as NewDatabase does.
func Private(t testing.TB) *Server {
	t.Helper()
	s, err := Start(t.Context())
	if err != nil {
		if skip(err, os.Getenv(RequireEnv)) {
			t.Skipf("%v (or set %s=1 to make this a failure)", err, RequireEnv)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// NewDatabase returns the connection string of a new, empty database on
// the test binary's server, which it starts on first use (the package's
// TestMain must call Main, which stops it). Without PostgreSQL, it skips
// the test, or fails it when AITRACKER_REQUIRE_POSTGRES is 1.
func NewDatabase(t testing.TB) string {
	t.Helper()
	shared.once.Do(func() { shared.srv, shared.err = Start(context.Background()) })
	if shared.err != nil {
		if skip(shared.err, os.Getenv(RequireEnv)) {
			t.Skipf("%v (or set %s=1 to make this a failure)", shared.err, RequireEnv)
		}
		t.Fatal(shared.err)
	}
	dsn, err := shared.srv.NewDatabase(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// skip reports whether a test that could not start the server is
// skipped rather than failed: only when the binaries are not installed
// and require (AITRACKER_REQUIRE_POSTGRES) is not 1.
func skip(err error, require string) bool {
	return errors.Is(err, ErrNotInstalled) && require != "1"
}
