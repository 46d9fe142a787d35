package program

import (
	"context"
	"testing"
	"testing/synctest"
)

// TestVersionReadsAreFreshAndShared checks the two promises of versionReads:
// a call never gets the answer of a read that started before it, and calls
// that arrive during a read share the next one.
func TestVersionReadsAreFreshAndShared(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var loads int
		release := []chan struct{}{make(chan struct{}), make(chan struct{})}
		v := newVersionReads(func(context.Context) (map[string]int64, error) {
			loads++
			n := loads
			<-release[n-1]
			return map[string]int64{"read": int64(n)}, nil
		})
		got := make([]int64, 3)
		call := func(i int) {
			m, err := v.read(context.Background())
			if err != nil {
				t.Error(err)
			}
			got[i] = m["read"]
		}
		go call(0)
		synctest.Wait() // read 1 is under way
		go call(1)
		go call(2)
		synctest.Wait() // both wait for the read after it
		close(release[0])
		synctest.Wait()
		close(release[1])
		synctest.Wait()
		if got[0] != 1 || got[1] != 2 || got[2] != 2 || loads != 2 {
			t.Errorf("answers %v after %d reads; want [1 2 2] after 2", got, loads)
		}
	})
}
