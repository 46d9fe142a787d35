package program

import (
	"context"
	"sync"
	"time"
)

// versionReads batches the reads of edition versions. Under load many
// requests want the versions at once; rather than one query each, a request
// joins the next read to start and waits for it. A read that has already
// started when a request arrives is never used for it, since it might miss a
// change committed just before the request, so every answer is as fresh as a
// read of its own, while the database sees about one read at a time however
// many requests are waiting.
type versionReads struct {
	load func(context.Context) (map[string]int64, error)

	mu      sync.Mutex
	running bool          // a read is in progress
	next    *versionBatch // the requests waiting for the read after it
}

type versionBatch struct {
	done     chan struct{}
	versions map[string]int64
	err      error
}

// versionReadTimeout bounds one shared read; it is not tied to any one
// request, since many wait for it.
const versionReadTimeout = 10 * time.Second

func newVersionReads(load func(context.Context) (map[string]int64, error)) *versionReads {
	return &versionReads{load: load}
}

// read returns the versions from a read that started after the call.
func (v *versionReads) read(ctx context.Context) (map[string]int64, error) {
	v.mu.Lock()
	if v.next == nil {
		v.next = &versionBatch{done: make(chan struct{})}
	}
	b := v.next
	if !v.running {
		v.running, v.next = true, nil
		go v.run(b)
	}
	v.mu.Unlock()
	select {
	case <-b.done:
		return b.versions, b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run performs the read for b, then for whichever batch gathered meanwhile,
// until nobody is waiting.
func (v *versionReads) run(b *versionBatch) {
	for b != nil {
		ctx, cancel := context.WithTimeout(context.Background(), versionReadTimeout)
		b.versions, b.err = v.load(ctx)
		cancel()
		close(b.done)
		v.mu.Lock()
		b, v.next = v.next, nil
		v.running = b != nil
		v.mu.Unlock()
	}
}
