package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per query and pool, on SQLite.
// The SQLite driver parses every statement it is given anew, and parsing
// took about a sixth of the process's CPU under a sign-up load; a
// database/sql Stmt is prepared once per connection and reused, in and out
// of transactions. PostgreSQL needs none: pgx caches prepared statements
// per connection itself. The queries are a fixed set (the SQL text of this
// package), so the cache is bounded.
//
// A statement is prepared in the background the first time it is asked
// for, and the caller runs it unprepared meanwhile: preparing needs a free
// connection of the pool, and the caller may hold the only one (the write
// pool has one, inside a transaction) or every reader may be asking at once.
type stmtCache struct {
	mu     sync.RWMutex
	stmts  map[stmtKey]*sql.Stmt // nil value: being prepared, or failed to
	closed bool
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

func newStmtCache() *stmtCache { return &stmtCache{stmts: map[stmtKey]*sql.Stmt{}} }

// lookup returns the prepared statement for query on pool, or nil when it
// is not ready (then it starts preparing it).
func (c *stmtCache) lookup(pool *sql.DB, query string) *sql.Stmt {
	k := stmtKey{pool, query}
	c.mu.RLock()
	st, seen := c.stmts[k]
	c.mu.RUnlock()
	if seen {
		return st
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.stmts[k]; !seen && !c.closed {
		c.stmts[k] = nil
		go c.prepare(k)
	}
	return nil
}

func (c *stmtCache) prepare(k stmtKey) {
	st, err := k.pool.PrepareContext(context.Background(), k.query)
	if err != nil {
		return // stays nil: the query runs unprepared, and reports its error itself
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		st.Close()
		return
	}
	c.stmts[k] = st
}

// close closes every statement; statements prepared later are closed at once.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for _, st := range c.stmts {
		if st != nil {
			st.Close()
		}
	}
	c.stmts = nil
}
