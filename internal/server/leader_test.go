package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/noderun/noderun/engine/executions"
	"github.com/noderun/noderun/internal/queue"
	"github.com/noderun/noderun/internal/server"
	"github.com/noderun/noderun/nodes/bundled"
)

// main is one of several main instances on one NATS server.
type mainInstance struct {
	name   string
	url    string
	srv    *server.Server
	store  executions.Store
	cancel context.CancelFunc
	done   chan struct{}
}

// stop shuts the main instance down and waits for Serve to return.
func (m *mainInstance) stop(t testing.TB) {
	t.Helper()
	m.cancel()
	select {
	case <-m.done:
	case <-time.After(deadline):
		t.Fatalf("%s: Serve did not return after the context ended", m.name)
	}
}

// startMains serves workflows (files under testdata) from n main
// instances on one embedded NATS server. The mains share one execution
// store, as several mains must (here one SQLite file, each main with its
// own handle, as processes on one host), and each runs two in-process
// workers.
func startMains(t *testing.T, workflows []string, names ...string) []*mainInstance {
	t.Helper()
	dir := t.TempDir()
	wfDir := copyWorkflows(t, dir, workflows)
	credFile := filepath.Join(dir, "credentials.json")
	if err := os.WriteFile(credFile, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	emb, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: filepath.Join(dir, "nats"), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emb.Shutdown)
	quiet := slog.New(slog.DiscardHandler)
	if os.Getenv("NODERUN_TEST_LOG") != "" {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	var mains []*mainInstance
	for _, name := range names {
		log := quiet.With("main", name)
		q, err := queue.Connect(context.Background(), emb.ClientURL(), queue.Options{Name: name, AckWait: 5 * time.Second, Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(q.Close)
		eng, err := bundled.NewEngine(bundled.Options{CredentialsFile: credFile, NodeDirs: []string{}})
		if err != nil {
			t.Fatal(err)
		}
		store, err := executions.OpenSQLite(filepath.Join(dir, "executions.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv, err := server.New(server.Config{
			Engine:       eng,
			Store:        store,
			Queue:        q,
			WorkflowsDir: wfDir,
			BaseURL:      "http://" + ln.Addr().String(),
			Workers:      2,
			Logger:       log,
			WaitPoll:     100 * time.Millisecond,
			LeaderTTL:    2 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		m := &mainInstance{name: name, url: "http://" + ln.Addr().String(), srv: srv, store: store, cancel: cancel, done: make(chan struct{})}
		go func() {
			defer close(m.done)
			if err := srv.Serve(ctx, ln); err != nil {
				t.Errorf("%s: Serve: %v", name, err)
			}
		}()
		var once sync.Once
		t.Cleanup(func() { once.Do(func() { m.stop(t) }) })
		mains = append(mains, m)
	}
	return mains
}

// leaders lists the mains leading now.
func leaders(mains []*mainInstance) []*mainInstance {
	var out []*mainInstance
	for _, m := range mains {
		if m.srv.Leading() {
			out = append(out, m)
		}
	}
	return out
}

// firings counts the stored executions of workflow wf per scheduled time
// (the Schedule Trigger item's timestamp), and those per time that
// succeeded.
func firings(t *testing.T, store executions.Store, wf string) (all, succeeded map[string]int) {
	t.Helper()
	ctx := context.Background()
	list, err := store.List(ctx, executions.Filter{WorkflowID: wf, Limit: executions.MaxLimit})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	all, succeeded = map[string]int{}, map[string]int{}
	for _, sum := range list {
		e, err := store.Get(ctx, sum.ID)
		if err != nil {
			t.Fatalf("Get(%s): %v", sum.ID, err)
		}
		var input []struct {
			JSON struct {
				Timestamp string `json:"timestamp"`
			} `json:"json"`
		}
		if err := json.Unmarshal(e.Input, &input); err != nil || len(input) != 1 || input[0].JSON.Timestamp == "" {
			t.Fatalf("execution %s: input is not one schedule item: %v: %s", e.ID, err, e.Input)
		}
		at := input[0].JSON.Timestamp
		all[at]++
		if e.Status == executions.StatusSuccess {
			succeeded[at]++
		}
	}
	return all, succeeded
}

// pollFirings waits until at least n firings of wf at or after since have
// succeeded.
func pollFirings(t *testing.T, store executions.Store, wf string, since time.Time, n int) {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		_, ok := firings(t, store, wf)
		got := 0
		for at := range ok {
			if ts, err := time.Parse("2006-01-02T15:04:05.000-07:00", at); err == nil && !ts.Before(since.Truncate(time.Second)) {
				got++
			}
		}
		if got >= n {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("gave up after %s: %d firings of %s since %s succeeded, want %d", deadline, got, wf, since.Format(time.TimeOnly), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitLeader waits until exactly one of mains leads and returns it.
func waitLeader(t *testing.T, mains []*mainInstance) *mainInstance {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		if l := leaders(mains); len(l) == 1 {
			return l[0]
		}
		if time.Now().After(end) {
			t.Fatalf("gave up after %s waiting for one leader among %d mains", deadline, len(mains))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSeveralMainsFireEachScheduleOnce(t *testing.T) {
	t.Parallel()
	mains := startMains(t, []string{"schedule.json"}, "main-a", "main-b")
	store := mains[0].store

	first := waitLeader(t, mains)
	pollFirings(t, store, "schedule", time.Now(), 3)
	if l := leaders(mains); len(l) != 1 || l[0] != first {
		t.Fatalf("leaders changed while both mains ran: %d lead now", len(l))
	}

	// The leader stops: the other takes over the schedule.
	first.stop(t)
	if first.srv.Leading() {
		t.Errorf("%s still leads after Serve returned", first.name)
	}
	var rest []*mainInstance
	for _, m := range mains {
		if m != first {
			rest = append(rest, m)
		}
	}
	second := waitLeader(t, rest)
	pollFirings(t, second.store, "schedule", time.Now(), 3)
	second.stop(t)

	all, _ := firings(t, second.store, "schedule")
	if len(all) < 6 {
		t.Errorf("%d firings stored, want at least 6", len(all))
	}
	for at, n := range all {
		if n != 1 {
			t.Errorf("firing at %s stored %d times, want once", at, n)
		}
	}
}

func TestSingleMainLeads(t *testing.T) {
	t.Parallel()
	mains := startMains(t, []string{"schedule.json"}, "main")
	waitLeader(t, mains)
	pollFirings(t, mains[0].store, "schedule", time.Now(), 2)
	mains[0].stop(t)
	if mains[0].srv.Leading() {
		t.Error("the main still leads after Serve returned")
	}
}

func TestSeveralMainsAnswerLastNodeWebhooks(t *testing.T) {
	t.Parallel()
	// Outcomes go to whichever main consumes them first; every call must
	// still get its reply from the main it reached.
	mains := startMains(t, []string{"lastnode.json"}, "main-a", "main-b")
	const calls = 8
	client := &http.Client{Timeout: deadline}
	type answer struct {
		main string
		code int
		body string
		err  error
	}
	answers := make(chan answer, calls*len(mains))
	for _, m := range mains {
		for i := range calls {
			go func() {
				body := fmt.Sprintf(`{"a": %d, "b": 1}`, i)
				resp, err := client.Post(m.url+"/webhook/sum", "application/json", strings.NewReader(body))
				if err != nil {
					answers <- answer{main: m.name, err: err}
					return
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				answers <- answer{main: m.name, code: resp.StatusCode, body: string(b)}
			}()
		}
	}
	for range calls * len(mains) {
		a := <-answers
		if a.err != nil {
			t.Errorf("%s: call: %v", a.main, a.err)
			continue
		}
		if a.code != http.StatusOK || !strings.Contains(a.body, `"sum":`) {
			t.Errorf("%s: reply %d %s, want 200 with the sum", a.main, a.code, a.body)
		}
	}
}
