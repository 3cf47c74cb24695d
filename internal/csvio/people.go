package csvio

import (
	"fmt"
	"io"
	"strings"
	"time"

	"throughline/internal/model"
)

// PeopleHeaders maps each canonical column of a people file to the header spellings
// accepted for it (after HeaderKey). They cover the exports of common HR systems:
// Workday ("Employee ID", "Worker", "Business Title", "Supervisory Organization"),
// BambooHR ("Employee #", "Work Email", "Job Title", "Supervisor EID"), SAP
// SuccessFactors ("User ID", "Person ID External", "Manager User ID"), ADP ("Associate
// ID", "Reports To ID", "Hire Date"), HiBob and Personio ("ID", "Start date", "Site").
var PeopleHeaders = map[string][]string{
	"employee_id": {"employee id", "employee number", "employee no", "emp id", "empid", "employeeid", "employee",
		"worker id", "user id", "person id", "person id external", "associate id", "staff id", "staff number", "id"},
	"name":       {"name", "full name", "display name", "employee name", "worker", "worker name", "legal name", "preferred full name"},
	"first_name": {"first name", "given name", "firstname", "preferred name", "forename"},
	"last_name":  {"last name", "surname", "family name", "lastname"},
	"email": {"email", "e mail", "email address", "work email", "work e mail", "business email", "primary work email",
		"work email address", "mail", "company email"},
	"title":      {"title", "job title", "business title", "position", "position title", "job", "job name"},
	"department": {"department", "dept", "department name", "division", "org unit", "organization unit", "organizational unit", "team", "supervisory organization"},
	"location":   {"location", "office", "work location", "site", "location name", "office location", "work site"},
	"manager_id": {"manager id", "manager employee id", "manager employee number", "manager number", "manager user id",
		"supervisor id", "supervisor eid", "supervisor employee id", "supervisor number", "reports to id", "reports to",
		"reports to employee id", "line manager id", "manager"},
	"hire_date": {"hire date", "start date", "date of hire", "original hire date", "employment start date", "date hired", "hired", "joining date", "date joined"},
	"role":      {"role", "throughline role", "access role", "app role"},
	"active":    {"active", "status", "employment status", "employee status", "worker status", "is active"},
}

// PeopleHeaderHelp lists the accepted spellings for the help page and the README.
func PeopleHeaderHelp() [][2]string {
	var out [][2]string
	for _, k := range append(model.PeopleColumns[:0:0], "employee_id", "name", "first_name", "last_name", "email", "title",
		"department", "location", "manager_id", "hire_date", "role", "active") {
		out = append(out, [2]string{k, strings.Join(PeopleHeaders[k], ", ")})
	}
	return out
}

var peopleHeaderIndex = func() map[string]string {
	m := map[string]string{}
	for canon, spellings := range PeopleHeaders {
		m[HeaderKey(canon)] = canon
		for _, s := range spellings {
			m[s] = canon
		}
	}
	return m
}()

// ReadPeople parses a people file. Structural problems (a missing required column, a
// broken line) come back as a *model.ImportError with line numbers. Cells it cannot
// parse (a date, a status) are listed in the batch's Problems, which core reports
// together with the rules that need the database (unknown managers, cycles, duplicates).
func ReadPeople(src io.Reader) (model.PeopleBatch, error) {
	rd, err := newReader(src)
	if err != nil {
		return model.PeopleBatch{}, err
	}
	col := map[string]int{}
	var bad model.ImportError
	for i, h := range rd.header {
		key := HeaderKey(h)
		canon, ok := peopleHeaderIndex[key]
		if !ok {
			continue // unknown columns are ignored, so full HR exports import as they are
		}
		if first, dup := col[canon]; dup {
			bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: strings.TrimSpace(h),
				Message: fmt.Sprintf("Columns %q and %q both give %s; keep one.", strings.TrimSpace(rd.header[first]), strings.TrimSpace(h), canon)})
			continue
		}
		col[canon] = i
	}
	_, hasName := col["name"]
	_, hasFirst := col["first_name"]
	if _, ok := col["employee_id"]; !ok {
		bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: "employee_id", Message: "The header has no employee id column (for example \"employee_id\" or \"Employee ID\")."})
	}
	if !hasName && !hasFirst {
		bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: "name", Message: "The header has no name column (\"name\", or \"first name\" and \"last name\")."})
	}
	if _, ok := col["email"]; !ok {
		bad.Lines = append(bad.Lines, model.LineError{Line: 1, Field: "email", Message: "The header has no email column (for example \"email\" or \"Work Email\")."})
	}
	if len(bad.Lines) > 0 {
		return model.PeopleBatch{}, &bad
	}
	batch := model.PeopleBatch{Columns: map[string]bool{"employee_id": true, "name": true, "email": true}}
	for _, k := range []string{"title", "department", "location", "manager_id", "hire_date", "role", "active"} {
		if _, ok := col[k]; ok {
			batch.Columns[k] = true
		}
	}
	for {
		rec, line, err := rd.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			ie, ok := err.(*model.ImportError)
			if !ok {
				return model.PeopleBatch{}, err // the file is too large
			}
			bad.Lines = append(bad.Lines, ie.Lines...)
			if ie.Lines[0].Line == 0 {
				break
			}
			continue
		}
		if blank(rec) {
			continue
		}
		get := func(k string) string {
			i, ok := col[k]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(unescapeCell(rec[i]))
		}
		if len(rec) != len(rd.header) {
			bad.Lines = append(bad.Lines, model.LineError{Line: line, Message: fmt.Sprintf("The line has %d cells but the header has %d.", len(rec), len(rd.header))})
			continue
		}
		row := model.PersonRow{Line: line, HasRole: batch.Columns["role"]}
		row.EmployeeID = get("employee_id")
		row.Name = get("name")
		if row.Name == "" {
			row.Name = strings.TrimSpace(get("first_name") + " " + get("last_name"))
		}
		row.Email = get("email")
		row.Title = get("title")
		row.Department = get("department")
		row.Location = get("location")
		row.ManagerEmployeeID = get("manager_id")
		row.Role = model.Role(strings.ToLower(get("role")))
		row.Active = true
		if batch.Columns["active"] {
			v, ok := parseActive(get("active"))
			if !ok {
				batch.Problems = append(batch.Problems, model.LineError{Line: line, Field: "active",
					Message: fmt.Sprintf("Status %q is not one of active, inactive, yes, no, true, false, 1, 0, terminated.", model.Clip(get("active"), 40))})
			}
			row.Active = v
		}
		if d := get("hire_date"); d != "" {
			iso, ok := parseDate(d)
			if !ok {
				batch.Problems = append(batch.Problems, model.LineError{Line: line, Field: "hire_date",
					Message: fmt.Sprintf("Hire date %q is not a date in the form YYYY-MM-DD.", model.Clip(d, 40))})
			}
			row.HireDate = iso
		}
		batch.Rows = append(batch.Rows, row)
	}
	if len(bad.Lines) > 0 {
		return model.PeopleBatch{}, &bad
	}
	return batch, nil
}

// parseActive reads a status cell; an empty cell means active.
func parseActive(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "active", "yes", "y", "true", "1", "employed", "current":
		return true, true
	case "inactive", "no", "n", "false", "0", "terminated", "left", "leaver", "former":
		return false, true
	}
	return true, false
}

// parseDate accepts YYYY-MM-DD, YYYY/MM/DD and RFC 3339 timestamps, and returns the ISO
// date. Day-first and month-first dates are refused: 03/04/2021 is ambiguous.
func parseDate(s string) (string, bool) {
	for _, layout := range []string{"2006-01-02", "2006/01/02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return s, false
}

// WritePeople writes people in the canonical columns; ReadPeople reads it back unchanged.
func WritePeople(w io.Writer, people []model.PersonInput) error {
	cw := NewWriter(w)
	if err := cw.Write(model.PeopleColumns); err != nil {
		return err
	}
	for _, p := range people {
		status := "active"
		if !p.Active {
			status = "inactive"
		}
		if err := cw.Write([]string{p.EmployeeID, p.Name, p.Email, p.Title, p.Department, p.Location,
			p.ManagerEmployeeID, p.HireDate, string(p.Role), status}); err != nil {
			return err
		}
	}
	return cw.Flush()
}
