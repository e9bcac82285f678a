package server_test

import (
	"sync"
	"testing"
	"time"
)

// BenchmarkWebhookLastNode measures webhook calls answered with the last
// node's output: HTTP, store, queue, in-process worker, engine, outcome.
// It reports executions/s with 8 calls in flight.
func BenchmarkWebhookLastNode(b *testing.B) {
	e := start(b, []string{"lastnode.json"}, options{workers: 8})
	const inFlight = 8
	b.ResetTimer()
	begin := time.Now()
	var wg sync.WaitGroup
	jobs := make(chan struct{})
	for range inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				if got := e.do("POST", "/webhook/sum", `{"a":1,"b":2}`, nil); got.Code != 200 {
					b.Errorf("status %d: %s", got.Code, got.Body)
				}
			}
		}()
	}
	for range b.N {
		jobs <- struct{}{}
	}
	close(jobs)
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(begin).Seconds(), "executions/s")
}
