package web

import (
	"net/http"
	"strconv"
	"time"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// AuditPage lists the audit log.
type AuditPage struct {
	Page
	Results model.List[core.AuditEntry]
}

func (h *Handler) auditLog(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	l, err := h.core.AuditLog(r.Context(), actor, model.Page{Limit: 100, Offset: queryInt(r, "offset", 0)})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "audit", &AuditPage{Page: Page{Title: "Audit log", Section: "audit"}, Results: l})
}

func (h *Handler) auditExport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	entries, err := h.core.ExportAuditLog(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit-log.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csvio.NewWriter(w)
	_ = cw.Write([]string{"id", "at", "actor", "action", "target_type", "target_id", "detail", "address"})
	for _, e := range entries {
		_ = cw.Write([]string{strconv.FormatInt(e.ID, 10), time.Unix(e.At, 0).UTC().Format(time.RFC3339), e.ActorName, e.Action,
			e.TargetType, strconv.FormatInt(e.TargetID, 10), e.Detail, e.Address})
	}
	if err := cw.Flush(); err != nil {
		httpx.Logger(r.Context()).Error("audit export", "err", err.Error())
	}
}
