package api

import (
	"errors"
	"net/http"
	"strconv"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// PersonBody is a person. Everyone sees the directory fields; the others appear only
// for the person, their reporting line, hr and admin, and "restricted" says which.
type PersonBody struct {
	ID              int64  `json:"id"`
	Name            string `json:"name"`
	Email           string `json:"email"`
	Title           string `json:"title"`
	DepartmentID    int64  `json:"department_id,omitempty"`
	Department      string `json:"department,omitempty"`
	LocationID      int64  `json:"location_id,omitempty"`
	Location        string `json:"location,omitempty"`
	ManagerID       int64  `json:"manager_id,omitempty"`
	Manager         string `json:"manager,omitempty"`
	DirectReports   int    `json:"direct_reports"`
	Restricted      bool   `json:"restricted"`
	EmployeeID      string `json:"employee_id,omitempty"`
	HireDate        string `json:"hire_date,omitempty"`
	Active          *bool  `json:"active,omitempty"`
	Level           int    `json:"level,omitempty"`
	IsMiddleManager *bool  `json:"is_middle_manager,omitempty"`
	Role            string `json:"role,omitempty"`
}

func personBody(p model.Person) PersonBody {
	b := PersonBody{ID: p.ID, Name: p.Name, Email: p.Email, Title: p.Title,
		DepartmentID: p.DepartmentID, Department: p.DepartmentName, LocationID: p.LocationID, Location: p.LocationName,
		ManagerID: p.ManagerID, Manager: p.ManagerName, DirectReports: p.DirectReports, Restricted: p.Restricted}
	if !p.Restricted {
		active, mm := p.Active, p.IsMiddleManager
		b.EmployeeID, b.HireDate, b.Active, b.Level, b.IsMiddleManager, b.Role = p.EmployeeID, p.HireDate, &active, p.Depth, &mm, string(p.AccountRole)
	}
	return b
}

// MeBody is the signed-in account and, when linked, its person.
type MeBody struct {
	AccountID int64       `json:"account_id"`
	Login     string      `json:"login"`
	Name      string      `json:"name"`
	Role      string      `json:"role"`
	Person    *PersonBody `json:"person,omitempty"`
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	body := MeBody{AccountID: a.AccountID, Login: a.Login, Name: a.Name, Role: string(a.Role)}
	if a.PersonID != 0 {
		p, err := h.core.Me(r.Context(), a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		pb := personBody(p)
		body.Person = &pb
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[MeBody]{Data: body})
}

func (h *Handler) people(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	f := model.PersonFilter{Query: r.URL.Query().Get("q"), Page: page, IncludeInactive: r.URL.Query().Get("include_inactive") == "true"}
	if err == nil {
		f.DepartmentID, err = idParam(r, "department_id")
	}
	if err == nil {
		f.LocationID, err = idParam(r, "location_id")
	}
	if err == nil {
		f.ManagerID, err = idParam(r, "manager_id")
	}
	var l model.List[model.Person]
	if err == nil {
		l, err = h.core.Directory(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, personBody))
}

// PersonDetailBody is a person with their chain of managers and direct reports.
type PersonDetailBody struct {
	PersonBody
	Chain   []PersonBody `json:"chain"`
	Reports []PersonBody `json:"reports"`
}

func (h *Handler) person(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("person"))
		return
	}
	d, err := h.core.Person(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := PersonDetailBody{PersonBody: personBody(d.Person), Chain: []PersonBody{}, Reports: []PersonBody{}}
	for _, p := range d.Chain {
		body.Chain = append(body.Chain, personBody(p))
	}
	for _, p := range d.Reports {
		body.Reports = append(body.Reports, personBody(p))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PersonDetailBody]{Data: body})
}

// DepartmentBody is a department.
type DepartmentBody struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Headcount int    `json:"headcount"`
}

// LocationBody is a location.
type LocationBody struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Headcount int    `json:"headcount"`
}

func (h *Handler) departments(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var ds []model.Department
	if err == nil {
		ds, err = h.core.Departments(r.Context(), a)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(ds, page), func(d model.Department) DepartmentBody {
		return DepartmentBody{ID: d.ID, Name: d.Name, Headcount: d.Headcount}
	}))
}

func (h *Handler) department(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var d model.Department
	if err == nil {
		d, err = h.core.Department(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[DepartmentBody]{Data: DepartmentBody{ID: d.ID, Name: d.Name, Headcount: d.Headcount}})
}

func (h *Handler) locations(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var ls []model.Location
	if err == nil {
		ls, err = h.core.Locations(r.Context(), a)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(ls, page), func(l model.Location) LocationBody {
		return LocationBody{ID: l.ID, Name: l.Name, Headcount: l.Headcount}
	}))
}

func (h *Handler) location(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var l model.Location
	if err == nil {
		l, err = h.core.Location(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[LocationBody]{Data: LocationBody{ID: l.ID, Name: l.Name, Headcount: l.Headcount}})
}

// paginate pages a short list held in memory (departments, locations).
func paginate[T any](all []T, p model.Page) model.List[T] {
	start := min(p.Offset, len(all))
	end := min(start+p.Limit, len(all))
	return model.List[T]{Items: all[start:end], Total: len(all), Page: p}
}

// ImportReportBody is the outcome of a people import.
type ImportReportBody struct {
	ID          int64        `json:"id,omitempty"`
	DryRun      bool         `json:"dry_run"`
	Rows        int          `json:"rows"`
	Created     int          `json:"created"`
	Updated     int          `json:"updated"`
	Unchanged   int          `json:"unchanged"`
	Deactivated int          `json:"deactivated"`
	Changes     []ChangeBody `json:"changes"`
}

// ChangeBody is what an import does to one person.
type ChangeBody struct {
	Line       int      `json:"line,omitempty"`
	EmployeeID string   `json:"employee_id"`
	Kind       string   `json:"kind"`
	Fields     []string `json:"fields,omitempty"`
}

// importPeople takes a people CSV file as the request body (text/csv).
func (h *Handler) importPeople(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	dry, _ := strconv.ParseBool(q.Get("dry_run"))
	full, _ := strconv.ParseBool(q.Get("deactivate_missing"))
	r.Body = http.MaxBytesReader(w, r.Body, csvio.MaxFileBytes)
	batch, err := csvio.ReadPeople(r.Body)
	if err != nil {
		var ie *model.ImportError
		if errors.As(err, &ie) {
			err = ie.AsError()
		}
		h.fail(w, r, err)
		return
	}
	rep, err := h.core.ImportPeople(r.Context(), a, batch, model.PeopleImportOptions{DryRun: dry, DeactivateMissing: full, Filename: q.Get("filename")})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := ImportReportBody{ID: rep.ID, DryRun: rep.DryRun, Rows: rep.Rows, Created: rep.Created, Updated: rep.Updated,
		Unchanged: rep.Unchanged, Deactivated: rep.Deactivated, Changes: []ChangeBody{}}
	for _, c := range rep.Changes {
		body.Changes = append(body.Changes, ChangeBody{Line: c.Line, EmployeeID: c.EmployeeID, Kind: c.Kind, Fields: c.Fields})
	}
	status := http.StatusOK
	if !dry {
		status = http.StatusCreated
	}
	httpx.WriteJSON(w, status, DataBody[ImportReportBody]{Data: body})
}

func (h *Handler) exportPeople(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	people, err := h.core.ExportPeople(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = csvio.WritePeople(w, people)
}

// AuditBody is one line of the audit log.
type AuditBody struct {
	ID         int64  `json:"id"`
	At         int64  `json:"at"`
	Actor      string `json:"actor"`
	Action     string `json:"action"`
	TargetType string `json:"target_type,omitempty"`
	TargetID   int64  `json:"target_id,omitempty"`
	Detail     string `json:"detail,omitempty"`
}

func (h *Handler) auditLog(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var l model.List[core.AuditEntry]
	if err == nil {
		l, err = h.core.AuditLog(r.Context(), a, page)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, func(e core.AuditEntry) AuditBody {
		return AuditBody{ID: e.ID, At: e.At, Actor: e.ActorName, Action: e.Action, TargetType: e.TargetType, TargetID: e.TargetID, Detail: e.Detail}
	}))
}
