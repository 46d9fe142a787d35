package app

import (
	"context"
	"fmt"
	"io"

	"convene/internal/demo"
	"convene/internal/program"
	"convene/internal/sqlstore"
)

// loadDemoFair loads the sample matchmaking fair of zgc-2025 with its
// schedule made by the scheduler and published; a fair already there is
// left alone, so running the demo twice changes nothing.
func loadDemoFair(ctx context.Context, store *sqlstore.DB, out io.Writer) error {
	ed, err := store.LoadDraftEdition(ctx, demo.FairEvent)
	if err != nil {
		return fmt.Errorf("load sample fair: %w", err)
	}
	act, ok := ed.Activity(demo.FairActivity)
	if !ok {
		return fmt.Errorf("load sample fair: %s has no activity %s", demo.FairEvent, demo.FairActivity)
	}
	if _, err := store.FairVersion(ctx, act.ID); err == nil {
		return nil
	} else if program.ErrorCode(err) != program.CodeNotFound {
		return fmt.Errorf("load sample fair: %w", err)
	}
	ds, res, err := demo.ScheduledFair(ctx, act.ID, ed.Event.ID)
	if err != nil {
		return err
	}
	created, err := store.ImportFair(ctx, ds)
	if err != nil {
		return fmt.Errorf("load sample fair: %w", err)
	}
	if created {
		fmt.Fprintf(out, "sample matchmaking fair loaded: %d participants, %d meetings scheduled at %d tables (%d breaks)\n",
			len(ds.Participants), len(res.Slot), ds.Fair.Tables, res.Breaks)
	}
	return nil
}
