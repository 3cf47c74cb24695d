package web

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/model"
)

// The journal pages: the author's own entries, one entry with sharing, and the export.
// Every handler reads the actor's own journal; there is no page of anyone else's.

// JournalPage is the author's journal.
type JournalPage struct {
	Page
	Entries []model.JournalEntry
	Coaches []model.CoachingAssignment
	Form    Form
}

func (h *Handler) journal(w http.ResponseWriter, r *http.Request) {
	h.journalPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) journalPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	es, err := h.core.Journal(r.Context(), actor)
	var coaches []model.CoachingAssignment
	if err == nil {
		coaches, err = h.core.MyCoaches(r.Context(), actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "journal", &JournalPage{Page: Page{Title: "Journal", Section: "journal"}, Entries: es, Coaches: coaches, Form: f})
}

func (h *Handler) journalWrite(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	_, err := h.core.WriteJournal(r.Context(), actor, model.JournalInput{Prompt: r.PostForm.Get("prompt"), Body: r.PostForm.Get("body")})
	h.finish(w, r, err, func(f Form) { h.journalPage(w, r, http.StatusUnprocessableEntity, f) }, "/journal", "Saved. Only you can read it.")
}

// JournalEntryPage is one entry.
type JournalEntryPage struct {
	Page
	Entry   model.JournalEntry
	Coaches []model.CoachingAssignment
	Form    Form
}

func (h *Handler) journalEntry(w http.ResponseWriter, r *http.Request) {
	h.journalEntryPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) journalEntryPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e, err := h.core.JournalEntry(r.Context(), actor, id)
	var coaches []model.CoachingAssignment
	if err == nil {
		coaches, err = h.core.MyCoaches(r.Context(), actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "journal_entry", &JournalEntryPage{Page: Page{Title: "Journal entry", Section: "journal"}, Entry: e, Coaches: coaches, Form: f})
}

func (h *Handler) journalUpdate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.UpdateJournal(r.Context(), actor, id, model.JournalInput{Prompt: r.PostForm.Get("prompt"), Body: r.PostForm.Get("body")})
	h.finish(w, r, err, func(f Form) { h.journalEntryPage(w, r, http.StatusUnprocessableEntity, f) }, "/journal/"+itoa(id), "Saved.")
}

func (h *Handler) journalShare(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	coach := formID(r, "coach_id")
	err := h.core.ShareJournal(r.Context(), actor, id, coach)
	msg := "Shared with your coach. Nobody else can read it."
	if coach == 0 {
		msg = "No longer shared. Only you can read it."
	}
	h.finish(w, r, err, func(f Form) { h.journalEntryPage(w, r, http.StatusUnprocessableEntity, f) }, "/journal/"+itoa(id), msg)
}

func (h *Handler) journalDelete(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.DeleteJournal(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/journal", "Entry deleted.")
}

func (h *Handler) journalExport(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor, ok := h.requireActor(w, r)
		if !ok {
			return
		}
		data, name, err := h.core.ExportJournal(r.Context(), actor, format)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		ctype := "text/markdown; charset=utf-8"
		if format == core.ExportCSV {
			ctype = "text/csv; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		_, _ = w.Write(data)
	}
}
