package executions_test

import (
	"regexp"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

var idPattern = regexp.MustCompile(`^[0-9]{13}[0-9a-f]{12}$`)

func TestNewIDFormat(t *testing.T) {
	t.Parallel()
	before := time.Now().UnixMilli()
	id := executions.NewID()
	after := time.Now().UnixMilli()
	if !idPattern.MatchString(id) {
		t.Fatalf("NewID() = %q, want 13 digits and 12 hex digits", id)
	}
	ms, err := strconv.ParseInt(id[:13], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	// The timestamp may run ahead of the clock only after a busy
	// millisecond; right after start it matches it.
	if ms < before || ms > after+1 {
		t.Errorf("id time %d not within [%d, %d]", ms, before, after)
	}
}

// TestNewIDOrder checks that ids are unique and sort in creation order
// within a process, also from many goroutines and within a millisecond.
func TestNewIDOrder(t *testing.T) {
	t.Parallel()
	const goroutines, each = 8, 5000
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids := make([]string, each)
			for i := range ids {
				ids[i] = executions.NewID()
			}
			if !slices.IsSorted(ids) {
				t.Error("ids of one goroutine are not sorted")
			}
			mu.Lock()
			defer mu.Unlock()
			for _, id := range ids {
				if seen[id] {
					t.Errorf("duplicate id %s", id)
				}
				seen[id] = true
				if !idPattern.MatchString(id) {
					t.Errorf("bad id %q", id)
				}
			}
		}()
	}
	wg.Wait()
	if len(seen) != goroutines*each {
		t.Errorf("%d distinct ids, want %d", len(seen), goroutines*each)
	}
}
