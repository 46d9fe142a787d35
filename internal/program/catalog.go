package program

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Store is what the catalogue needs from storage.
type Store interface {
	// ListEvents lists the editions, newest first.
	ListEvents(ctx context.Context) ([]Event, error)
	// EventVersions returns the program version of every edition by slug.
	EventVersions(ctx context.Context) (map[string]int64, error)
	// LoadEdition loads the public snapshot of an edition (CodeNotFound when unknown).
	LoadEdition(ctx context.Context, slug string) (*Edition, error)
	// ProgramVersions lists the published versions of an edition, newest first.
	ProgramVersions(ctx context.Context, slug string) ([]Version, error)
}

// Catalog serves edition snapshots. Every call reads the editions' versions
// afresh (a read that starts after the call began) and reloads a snapshot
// only when its version changed, so several nodes on one database never
// serve a stale program for longer than a request, yet the program is not
// re-read per request. Concurrent calls share version reads (see versionReads).
type Catalog struct {
	store    Store
	now      func() time.Time
	versions *versionReads

	mu    sync.Mutex
	cache map[string]*Edition
	stats map[string]statsEntry
}

type statsEntry struct {
	version, prevVersion int64
	validUntil           time.Time // the next embargo that lifts changes the figures
	stats                Stats
}

// NewCatalog makes a catalogue over store; now is the clock (embargoes).
func NewCatalog(store Store, now func() time.Time) *Catalog {
	return &Catalog{store: store, now: now, versions: newVersionReads(store.EventVersions),
		cache: map[string]*Edition{}, stats: map[string]statsEntry{}}
}

// Now is the catalogue's clock.
func (c *Catalog) Now() time.Time { return c.now() }

// Events lists the editions, newest first.
func (c *Catalog) Events(ctx context.Context) ([]Event, error) { return c.store.ListEvents(ctx) }

// Edition returns the current snapshot of an edition.
func (c *Catalog) Edition(ctx context.Context, slug string) (*Edition, error) {
	if err := CheckParam("event", slug); err != nil {
		return nil, err
	}
	versions, err := c.versions.read(ctx)
	if err != nil {
		return nil, err
	}
	v, ok := versions[slug]
	if !ok {
		return nil, Errorf(CodeNotFound, "no edition %q", slug)
	}
	c.mu.Lock()
	ed := c.cache[slug]
	c.mu.Unlock()
	if ed != nil && ed.Event.Version == v {
		return ed, nil
	}
	ed, err = c.store.LoadEdition(ctx, slug)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.cache[slug] = ed
	c.mu.Unlock()
	return ed, nil
}

// Versions lists the published versions of an edition with their
// changelogs, newest first. They are read afresh: the list is short, asked
// for rarely, and the pages that show it are cached by the edition's stamp.
func (c *Catalog) Versions(ctx context.Context, slug string) ([]Version, error) {
	return c.store.ProgramVersions(ctx, slug)
}

// Previous returns the edition ed compares with, or nil when it has none.
func (c *Catalog) Previous(ctx context.Context, ed *Edition) (*Edition, error) {
	if ed.Event.PreviousSlug == "" {
		return nil, nil
	}
	prev, err := c.Edition(ctx, ed.Event.PreviousSlug)
	if ErrorCode(err) == CodeNotFound {
		return nil, nil // the previous edition was never loaded: nothing to compare with
	}
	return prev, err
}

// Stats returns the figures of an edition and of the edition it compares with
// (nil when none). Figures are recomputed when either program changes or an
// embargo lifts.
func (c *Catalog) Stats(ctx context.Context, slug string) (Stats, *Stats, error) {
	ed, err := c.Edition(ctx, slug)
	if err != nil {
		return Stats{}, nil, err
	}
	prev, err := c.Previous(ctx, ed)
	if err != nil {
		return Stats{}, nil, err
	}
	now := c.now()
	cur := c.cachedStats(ed, prev, now)
	if prev == nil {
		return cur, nil, nil
	}
	prevPrev, err := c.Previous(ctx, prev)
	if err != nil {
		return Stats{}, nil, err
	}
	p := c.cachedStats(prev, prevPrev, now)
	return cur, &p, nil
}

func (c *Catalog) cachedStats(ed, prev *Edition, now time.Time) Stats {
	var pv int64
	if prev != nil {
		pv = prev.Event.Version
	}
	key := ed.Event.Slug
	c.mu.Lock()
	e, ok := c.stats[key]
	c.mu.Unlock()
	if ok && e.version == ed.Event.Version && e.prevVersion == pv && now.Before(e.validUntil) {
		return e.stats
	}
	e = statsEntry{version: ed.Event.Version, prevVersion: pv, validUntil: ed.nextEmbargo(now), stats: ComputeStats(ed, prev, now)}
	c.mu.Lock()
	c.stats[key] = e
	c.mu.Unlock()
	return e.stats
}

// nextEmbargo is the next instant after now at which a release becomes
// public, or the far future when none is pending.
func (ed *Edition) nextEmbargo(now time.Time) time.Time {
	next := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range ed.Releases {
		if r.EmbargoUntil != nil && r.EmbargoUntil.After(now) && r.EmbargoUntil.Before(next) {
			next = *r.EmbargoUntil
		}
	}
	return next
}

// Stamp names everything besides the request itself that a page or document
// about ed can depend on: the program versions of ed and of the edition it
// compares with ("new" badges, comparisons), and how many releases of each
// are public at this moment (embargoes lift without a version change). Equal
// stamps mean equal renderings, so caches and ETags key on it. It also
// returns the previous edition (nil when none).
func (c *Catalog) Stamp(ctx context.Context, ed *Edition) (*Edition, string, error) {
	prev, err := c.Previous(ctx, ed)
	if err != nil {
		return nil, "", err
	}
	now := c.now()
	stamp := fmt.Sprintf("%s.%d.%d", ed.Event.Slug, ed.Event.Version, len(ed.PublicReleases(now)))
	if prev != nil {
		stamp += fmt.Sprintf("/%s.%d.%d", prev.Event.Slug, prev.Event.Version, len(prev.PublicReleases(now)))
	}
	return prev, stamp, nil
}
