package programfile

import (
	"context"

	"convene/internal/spreadsheet"
	"convene/internal/sqlstore"
)

// Files imports and exports the programs of the editions in a store.
type Files struct{ store *sqlstore.DB }

// New returns the importer and exporter over store.
func New(store *sqlstore.DB) *Files { return &Files{store: store} }

// Export lays out the whole program of an edition, drafts included, for
// the secretariat (the public reads the published program through the
// feeds and the API).
func (f *Files) Export(ctx context.Context, event string) ([]spreadsheet.Table, error) {
	ds, err := f.store.EditionDataset(ctx, event)
	if err != nil {
		return nil, err
	}
	return spreadsheet.Tables(ds), nil
}
