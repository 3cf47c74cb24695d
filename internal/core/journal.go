package core

import (
	"bytes"
	"context"
	"encoding/csv"

	"fmt"
	"strings"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// The journal. An entry is readable by its author alone. The author may share an entry
// with one coach, one who coaches them now; that coach then reads it (in the coaching
// relationship, CoachingRelationship) for as long as the coaching is active. No role is
// an exception: admin, hr, executives and managers have no way in, through any page,
// API route or export, and the audit log and the logs never carry a journal's text. The
// one place journal text leaves the database otherwise is the operator's engine move
// (throughline export --all), a file of the whole database, not a view of anyone's.

// Journal lists the actor's own entries, newest first.
func (c *Core) Journal(ctx context.Context, actor model.Actor) ([]model.JournalEntry, error) {
	if err := requirePerson(actor); err != nil {
		return nil, err
	}
	var out []model.JournalEntry
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.JournalOf(ctx, actor.PersonID)
		return err
	})
	return out, err
}

// ownEntry loads an entry for its author; anyone else, whatever their role, gets the
// same not found as for an entry that does not exist.
func ownEntry(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.JournalEntry, error) {
	e, err := tx.FindJournalEntry(ctx, id)
	if err != nil {
		return e, notFound(err, "journal entry")
	}
	if actor.PersonID == 0 || e.PersonID != actor.PersonID {
		return model.JournalEntry{}, model.NotFound("journal entry")
	}
	return e, nil
}

// JournalEntry returns one of the actor's own entries.
func (c *Core) JournalEntry(ctx context.Context, actor model.Actor, id int64) (model.JournalEntry, error) {
	if err := requirePerson(actor); err != nil {
		return model.JournalEntry{}, err
	}
	var e model.JournalEntry
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		e, err = ownEntry(ctx, tx, actor, id)
		return err
	})
	return e, err
}

// WriteJournal adds an entry to the actor's journal.
func (c *Core) WriteJournal(ctx context.Context, actor model.Actor, in model.JournalInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if id, err = tx.CreateJournalEntry(ctx, store.JournalRecord{PersonID: actor.PersonID, Prompt: in.Prompt, Body: in.Body}); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "journal_written", "journal", id, "")
	})
	return id, err
}

// UpdateJournal changes one of the actor's entries.
func (c *Core) UpdateJournal(ctx context.Context, actor model.Actor, id int64, in model.JournalInput) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := ownEntry(ctx, tx, actor, id); err != nil {
			return err
		}
		return tx.UpdateJournalEntry(ctx, id, actor.PersonID, in.Prompt, in.Body)
	})
}

// DeleteJournal deletes one of the actor's entries.
func (c *Core) DeleteJournal(ctx context.Context, actor model.Actor, id int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := ownEntry(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := tx.DeleteJournalEntry(ctx, id, actor.PersonID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "journal_deleted", "journal", id, "")
	})
}

// ShareJournal shares one of the actor's entries with one of their active coaches, or
// (coachID 0) stops sharing it. An entry is shared with one coach at a time.
func (c *Core) ShareJournal(ctx context.Context, actor model.Actor, id, coachID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := ownEntry(ctx, tx, actor, id); err != nil {
			return err
		}
		if coachID != 0 {
			ok, err := tx.ActiveCoaching(ctx, coachID, actor.PersonID)
			if err != nil {
				return err
			}
			if !ok {
				msg := "Choose one of your coaches. An entry can be shared only with a coach who coaches you now."
				return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"coach_id": msg}}
			}
		}
		if err := tx.ShareJournalEntry(ctx, id, actor.PersonID, coachID); err != nil {
			return err
		}
		action := "journal_shared"
		if coachID == 0 {
			action = "journal_unshared"
		}
		return audit(ctx, tx, actor, action, "journal", id, fmt.Sprintf("coach %d", coachID))
	})
}

// MyCoaches lists the actor's active coaches: the people they may share an entry with.
func (c *Core) MyCoaches(ctx context.Context, actor model.Actor) ([]model.CoachingAssignment, error) {
	if err := requirePerson(actor); err != nil {
		return nil, err
	}
	var out []model.CoachingAssignment
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindAssignments(ctx, store.AssignmentFilter{CoacheeID: actor.PersonID, ActiveOnly: true})
		return err
	})
	return out, err
}

// JournalExport formats.
const (
	ExportMarkdown = "md"
	ExportCSV      = "csv"
)

// ExportJournal returns the actor's own journal as a Markdown or CSV file, with its
// file name. There is no export of anyone else's journal.
func (c *Core) ExportJournal(ctx context.Context, actor model.Actor, format string) ([]byte, string, error) {
	entries, err := c.Journal(ctx, actor)
	if err != nil {
		return nil, "", err
	}
	stamp := c.Now().UTC().Format("2006-01-02")
	switch format {
	case ExportCSV:
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write([]string{"written", "updated", "module", "prompt", "entry", "shared_with"})
		for _, e := range entries {
			_ = w.Write([]string{isoTime(e.CreatedAt), isoTime(e.UpdatedAt), csvSafe(e.ModuleTitle), csvSafe(e.Prompt), csvSafe(e.Body), csvSafe(e.SharedWithName)})
		}
		w.Flush()
		return b.Bytes(), "journal-" + stamp + ".csv", w.Error()
	case ExportMarkdown, "":
		var b strings.Builder
		fmt.Fprintf(&b, "# My journal\n\nExported %s. %d %s, newest first. Only you can read these in Throughline.\n", stamp, len(entries), plural(len(entries), "entry", "entries"))
		for _, e := range entries {
			title := e.ModuleTitle
			if title == "" {
				title = "Entry"
			}
			fmt.Fprintf(&b, "\n## %s, %s\n\n", title, time.Unix(e.CreatedAt, 0).UTC().Format("2 January 2006"))
			if e.Prompt != "" {
				fmt.Fprintf(&b, "> %s\n\n", strings.ReplaceAll(e.Prompt, "\n", "\n> "))
			}
			b.WriteString(e.Body)
			b.WriteString("\n")
			if e.SharedWithName != "" {
				fmt.Fprintf(&b, "\n*Shared with %s.*\n", e.SharedWithName)
			}
		}
		return []byte(b.String()), "journal-" + stamp + ".md", nil
	}
	return nil, "", &model.Error{Code: model.CodeInvalid, Message: "Choose md or csv.", Fields: map[string]string{"format": "Choose md or csv."}}
}

func isoTime(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.RFC3339) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// csvSafe keeps a spreadsheet from reading a cell as a formula (a cell that starts with
// =, +, - or @ is prefixed with an apostrophe).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
