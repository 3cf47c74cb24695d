package store

import (
	"context"

	"throughline/internal/model"
)

// The journal. Every read names its reader's right to read: JournalOf takes the author,
// JournalSharedWith the coach an entry is shared with. core decides who may call which;
// there is no query over everyone's entries except the engine move (Dump).

const journalColumns = `j.id, j.person_id, a.name, COALESCE(j.module_id, 0), COALESCE(m.title, ''), COALESCE(j.cohort_id, 0), j.prompt, j.body,
	COALESCE(j.shared_with_id, 0), COALESCE(c.name, ''), j.shared_at, j.created_at, j.updated_at`

const journalFrom = ` FROM journal_entries j JOIN people a ON a.id = j.person_id LEFT JOIN dev_modules m ON m.id = j.module_id
	LEFT JOIN people c ON c.id = j.shared_with_id`

func scanJournal(s rowScanner) (model.JournalEntry, error) {
	var e model.JournalEntry
	err := s.Scan(&e.ID, &e.PersonID, &e.AuthorName, &e.ModuleID, &e.ModuleTitle, &e.CohortID, &e.Prompt, &e.Body,
		&e.SharedWithID, &e.SharedWithName, &e.SharedAt, &e.CreatedAt, &e.UpdatedAt)
	return e, err
}

// JournalOf lists an author's entries, newest first.
func (tx *Tx) JournalOf(ctx context.Context, authorID int64) ([]model.JournalEntry, error) {
	return collectRows(ctx, tx, "journal", `SELECT `+journalColumns+journalFrom+` WHERE j.person_id = ? ORDER BY j.created_at DESC, j.id DESC`,
		[]any{authorID}, scanJournal)
}

// JournalSharedWith lists the entries an author shared with a coach, newest first.
func (tx *Tx) JournalSharedWith(ctx context.Context, coachID, authorID int64) ([]model.JournalEntry, error) {
	return collectRows(ctx, tx, "shared journal", `SELECT `+journalColumns+journalFrom+` WHERE j.shared_with_id = ? AND j.person_id = ?
		ORDER BY j.created_at DESC, j.id DESC`, []any{coachID, authorID}, scanJournal)
}

// SharedCounts counts, per author, the entries shared with a coach.
func (tx *Tx) SharedCounts(ctx context.Context, coachID int64) (map[int64]int, error) {
	type row struct {
		author int64
		n      int
	}
	rows, err := collectRows(ctx, tx, "shared counts", `SELECT person_id, count(*) FROM journal_entries WHERE shared_with_id = ? GROUP BY person_id`,
		[]any{coachID}, func(s rowScanner) (row, error) {
			var r row
			return r, s.Scan(&r.author, &r.n)
		})
	out := map[int64]int{}
	for _, r := range rows {
		out[r.author] = r.n
	}
	return out, err
}

// FindJournalEntry returns one entry; core checks that the reader is its author.
func (tx *Tx) FindJournalEntry(ctx context.Context, id int64) (model.JournalEntry, error) {
	e, err := scanJournal(tx.queryRow(ctx, `SELECT `+journalColumns+journalFrom+` WHERE j.id = ?`, id))
	return e, wrap("find journal entry", err)
}

// LatestEntryFor returns an author's latest entry for a module in a cohort.
func (tx *Tx) LatestEntryFor(ctx context.Context, authorID, cohortID, moduleID int64) (model.JournalEntry, error) {
	e, err := scanJournal(tx.queryRow(ctx, `SELECT `+journalColumns+journalFrom+` WHERE j.person_id = ? AND j.cohort_id = ? AND j.module_id = ?
		ORDER BY j.id DESC LIMIT 1`, authorID, cohortID, moduleID))
	return e, wrap("latest journal entry", err)
}

// JournalRecord is an entry as written.
type JournalRecord struct {
	PersonID, ModuleID, CohortID int64
	Prompt, Body                 string
	SharedWithID                 int64
	CreatedAt                    int64
}

// CreateJournalEntry writes an entry.
func (tx *Tx) CreateJournalEntry(ctx context.Context, r JournalRecord) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO journal_entries (person_id, module_id, cohort_id, prompt, body, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.PersonID, nullInt64(r.ModuleID), nullInt64(r.CohortID), r.Prompt, r.Body, now, now)
	return id, wrap("create journal entry", err)
}

// UpdateJournalEntry changes the text of an author's entry.
func (tx *Tx) UpdateJournalEntry(ctx context.Context, id, authorID int64, prompt, body string) error {
	res, err := tx.exec(ctx, `UPDATE journal_entries SET prompt = ?, body = ?, updated_at = ? WHERE id = ? AND person_id = ?`,
		prompt, body, tx.now.Unix(), id, authorID)
	if err != nil {
		return wrap("update journal entry", err)
	}
	return mustAffect(res, "update journal entry")
}

// ShareJournalEntry shares an author's entry with one coach (0: with no one).
func (tx *Tx) ShareJournalEntry(ctx context.Context, id, authorID, coachID int64) error {
	at := int64(0)
	if coachID != 0 {
		at = tx.now.Unix()
	}
	res, err := tx.exec(ctx, `UPDATE journal_entries SET shared_with_id = ?, shared_at = ? WHERE id = ? AND person_id = ?`,
		nullInt64(coachID), at, id, authorID)
	if err != nil {
		return wrap("share journal entry", err)
	}
	return mustAffect(res, "share journal entry")
}

// DeleteJournalEntry deletes an author's entry.
func (tx *Tx) DeleteJournalEntry(ctx context.Context, id, authorID int64) error {
	res, err := tx.exec(ctx, `DELETE FROM journal_entries WHERE id = ? AND person_id = ?`, id, authorID)
	if err != nil {
		return wrap("delete journal entry", err)
	}
	return mustAffect(res, "delete journal entry")
}

// InsertJournalEntries writes many entries (the demo generator, for the sign-in accounts).
func (tx *Tx) InsertJournalEntries(ctx context.Context, rs []JournalRecord) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		shared := int64(0)
		if r.SharedWithID != 0 {
			shared = r.CreatedAt
		}
		rows[i] = []any{r.PersonID, nullInt64(r.ModuleID), nullInt64(r.CohortID), r.Prompt, r.Body, nullInt64(r.SharedWithID), shared, r.CreatedAt, r.CreatedAt}
	}
	return tx.insertMany(ctx, "journal_entries", []string{"person_id", "module_id", "cohort_id", "prompt", "body", "shared_with_id", "shared_at", "created_at", "updated_at"}, rows)
}
