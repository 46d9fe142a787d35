package editing

import (
	"context"
	"net/url"

	"convene/internal/audit"
	"convene/internal/program"
)

// Store is what editing needs from storage.
type Store interface {
	// LoadDraftEdition reads the working copy, drafts included.
	LoadDraftEdition(ctx context.Context, slug string) (*program.Edition, error)
	// Has reports whether a register row of kind ("room", "person") exists.
	Has(ctx context.Context, kind, slug string) (bool, error)
	// AllRooms lists every room of the register, by slug.
	AllRooms(ctx context.Context) ([]program.Room, error)
	// UpdateActivity writes rec if the activity is still at version base.
	UpdateActivity(ctx context.Context, event string, rec *program.ActivityRecord, base int64, before, after any) (int64, error)
}

// Publisher publishes the working copy of an edition as its next version
// (or, with dryRun, says what that would change). The catalogue lists the
// versions.
type Publisher interface {
	Publish(ctx context.Context, event string, dryRun bool) (program.Version, error)
}

// Service edits the working copy of editions.
type Service struct {
	store Store
	items ItemStore
}

// NewService makes a Service over a store that edits activities and items.
func NewService[S interface {
	Store
	ItemStore
}](store S) *Service {
	return &Service{store: store, items: store}
}

// Draft is the working copy of an edition.
func (s *Service) Draft(ctx context.Context, event string) (*program.Edition, error) {
	return s.store.LoadDraftEdition(ctx, event)
}

// Rooms lists every room an activity may be placed in.
func (s *Service) Rooms(ctx context.Context) ([]program.Room, error) { return s.store.AllRooms(ctx) }

// Activity is the working copy's activity slug of event as e may edit it:
// not found when there is none, forbidden when e does not host it.
func (s *Service) Activity(ctx context.Context, event, slug string, e Editor) (*program.Edition, program.ActivityRecord, error) {
	ed, err := s.store.LoadDraftEdition(ctx, event)
	if err != nil {
		return nil, program.ActivityRecord{}, err
	}
	a, ok := ed.Activity(slug)
	if !ok {
		return nil, program.ActivityRecord{}, program.Errorf(program.CodeNotFound, "no activity %q in %s", slug, event)
	}
	if !e.MayEditActivity(ed, a) {
		return nil, program.ActivityRecord{}, program.Errorf(program.CodeForbidden, "activity %s is not hosted or organised by an organisation you edit for", slug)
	}
	return ed, RecordOf(ed, a), nil
}

// UpdateActivity applies patch to the activity as e, provided the activity
// is still at version base (else a conflict, and nothing is written). It
// returns the stored record and what changed; an empty change writes nothing.
func (s *Service) UpdateActivity(ctx context.Context, event, slug string, e Editor, base int64, patch ActivityPatch) (program.ActivityRecord, Diff, error) {
	ed, rec, err := s.Activity(ctx, event, slug, e)
	if err != nil {
		return rec, Diff{}, err
	}
	if rec.Version != base {
		return rec, Diff{}, program.Errorf(program.CodeConflict, "activity %s was changed by someone else since version %d (it is at version %d now); reload it and make your change again", slug, base, rec.Version)
	}
	known := func(kind, slug string) bool {
		ok, herr := s.store.Has(ctx, kind, slug)
		if herr != nil && err == nil {
			err = herr
		}
		return ok
	}
	out, aerr := ApplyActivity(ed, known, e, rec, patch)
	if err != nil {
		return rec, Diff{}, err
	}
	if aerr != nil {
		return rec, Diff{}, aerr
	}
	d := ActivityDiff(rec, out)
	if d.Empty() {
		return rec, d, nil
	}
	out.Version, err = s.store.UpdateActivity(audit.WithActor(ctx, e.Actor), event, &out, base, d.Before, d.After)
	return out, d, err
}

// ItemStore is what editing the other items needs from storage.
type ItemStore interface {
	// UpdateItem writes the columns of the row of table with slug (of the
	// edition event for releases) if it is still at version base.
	UpdateItem(ctx context.Context, event, table, action, slug string, base int64, columns []string, args []any, before, after any) (int64, error)
}

// Item is the item slug of kind in the working copy of event as e may edit
// it, with its version: not found when there is none, forbidden when e may
// not edit it.
func (s *Service) Item(ctx context.Context, event string, k Kind, slug string, e Editor) (*program.Edition, any, int64, error) {
	ed, err := s.store.LoadDraftEdition(ctx, event)
	if err != nil {
		return nil, nil, 0, err
	}
	var item any
	var version int64
	allowed := false
	switch k.Name {
	case "people":
		if p, ok := ed.Person(slug); ok {
			item, version, allowed = p, p.Version, e.MayEditPerson(ed, p)
		}
	case "orgs":
		if o, ok := ed.Organisation(slug); ok {
			item, version, allowed = o, o.Version, e.MayEditOrganisation(o)
		}
	case "rooms":
		rooms, err := s.store.AllRooms(ctx)
		if err != nil {
			return nil, nil, 0, err
		}
		for i := range rooms {
			if rooms[i].Slug == slug {
				item, version, allowed = &rooms[i], rooms[i].Version, e.MayEditRooms()
			}
		}
	case "releases":
		for _, r := range ed.Releases {
			if r.Slug == slug {
				item, version, allowed = r, r.Version, e.MayEditRelease(ed, r)
			}
		}
	}
	if item == nil {
		return nil, nil, 0, program.Errorf(program.CodeNotFound, "no %s %q in %s", k.Name, slug, event)
	}
	if !allowed {
		return nil, nil, 0, program.Errorf(program.CodeForbidden, "you may not edit %s %s", k.Name, slug)
	}
	return ed, item, version, nil
}

// UpdateItem applies the posted form to the item as e, provided it is still
// at version base (else a conflict, and nothing is written). It returns the
// fields changed; an empty change writes nothing.
func (s *Service) UpdateItem(ctx context.Context, event string, k Kind, slug string, e Editor, base int64, form url.Values) (Diff, error) {
	ed, item, version, err := s.Item(ctx, event, k, slug, e)
	if err != nil {
		return Diff{}, err
	}
	if version != base {
		return Diff{}, program.Errorf(program.CodeConflict, "%s %s was changed by someone else since version %d (it is at version %d now); reload it and make your change again", k.Name, slug, base, version)
	}
	u, err := ApplyItem(k, ItemValues(item, ed.Location()), form, ed.Location())
	if err != nil || u.Diff.Empty() {
		return u.Diff, err
	}
	_, err = s.items.UpdateItem(audit.WithActor(ctx, e.Actor), event, k.Table, k.Action, slug, base, u.Columns, u.Args, u.Diff.Before, u.Diff.After)
	return u.Diff, err
}
