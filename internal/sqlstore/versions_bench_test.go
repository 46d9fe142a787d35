package sqlstore_test

import (
	"context"
	"testing"

	"convene/internal/testkit"
)

// What a published version costs against the working copy it was made
// from, on the sample edition (128 activities, 352 people): the public
// reads one JSON snapshot when the version changes, the edit pages read the
// program's tables, and publishing reads the tables, diffs against the last
// snapshot and writes the new one. A dry run is all of that but the write.
//
//	go test ./internal/sqlstore -run '^$' -bench 'Edition|Publish' -benchmem
func BenchmarkLoadEditionPublished(b *testing.B) {
	db := testkit.DemoDB(b, "sqlite")
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.LoadEdition(ctx, "zgc-2025"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDraftEdition(b *testing.B) {
	db := testkit.DemoDB(b, "sqlite")
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.LoadDraftEdition(ctx, "zgc-2025"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPublishDryRun(b *testing.B) {
	db := testkit.DemoDB(b, "sqlite")
	ctx := context.Background()
	for b.Loop() {
		if _, err := db.Publish(ctx, "zgc-2025", true); err == nil {
			b.Fatal("publishing the unchanged sample found something to publish")
		}
	}
}
