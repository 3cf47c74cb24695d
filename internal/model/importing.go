package model

import (
	"fmt"
	"sort"
	"strings"
)

// LineError is a problem with one line of an imported file.
type LineError struct {
	Line    int    // 1-based line in the file; the header is line 1
	Field   string // the column, when one is to blame
	Message string
}

func (e LineError) String() string {
	if e.Field != "" {
		return fmt.Sprintf("line %d: %s: %s", e.Line, e.Field, e.Message)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Message)
}

// ImportError is returned when an import is rejected. Nothing was written: imports are
// all or nothing.
type ImportError struct {
	Lines []LineError
}

// MaxReportedLineErrors caps how many line errors an import reports.
const MaxReportedLineErrors = 200

func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "import rejected: %d problem(s)", len(e.Lines))
	for i, l := range e.Lines {
		if i == 5 {
			b.WriteString("; …")
			break
		}
		b.WriteString("; ")
		b.WriteString(l.String())
	}
	return b.String()
}

// AsError wraps the line errors as an invalid *Error, or returns nil when there are none.
func (e *ImportError) AsError() error {
	if e == nil || len(e.Lines) == 0 {
		return nil
	}
	sort.SliceStable(e.Lines, func(i, j int) bool { return e.Lines[i].Line < e.Lines[j].Line })
	if len(e.Lines) > MaxReportedLineErrors {
		e.Lines = e.Lines[:MaxReportedLineErrors]
	}
	return &Error{Code: CodeInvalid, Message: fmt.Sprintf("The file was not imported: %d problem(s) were found. Nothing was changed.", len(e.Lines)), Err: e}
}

// PersonRow is one parsed line of a people file.
type PersonRow struct {
	Line int
	PersonInput
	HasRole bool // the file has a role column
}

// PeopleImportOptions controls a people import.
type PeopleImportOptions struct {
	DryRun            bool
	DeactivateMissing bool   // people not in the file are deactivated (a full file)
	Filename          string // recorded in the import history
	Single            bool   // one person saved from a form: audited, not listed as an import
}

// Change describes what an import does to one person.
type Change struct {
	Line       int
	EmployeeID string
	Name       string
	Kind       string   // "create", "update", "deactivate"
	Fields     []string // changed fields, for updates
}

// ImportReport summarizes an import, or what a dry run would do.
type ImportReport struct {
	ID          int64
	Kind        string
	Filename    string
	DryRun      bool
	Rows        int
	Created     int
	Updated     int
	Unchanged   int
	Deactivated int
	Changes     []Change // up to MaxReportedChanges
	ByName      string   // who ran it
	CreatedAt   int64
}

// MaxReportedChanges caps the changes an import report lists one by one.
const MaxReportedChanges = 500

// Summary is one sentence about the report.
func (r ImportReport) Summary() string {
	verb := "Imported"
	if r.DryRun {
		verb = "Dry run:"
	}
	return fmt.Sprintf("%s %d rows: %d created, %d updated, %d unchanged, %d deactivated.",
		verb, r.Rows, r.Created, r.Updated, r.Unchanged, r.Deactivated)
}

// PeopleBatch is a parsed people file: its rows and which columns its header had.
// Columns the file lacks leave those fields of existing people untouched.
type PeopleBatch struct {
	Rows    []PersonRow
	Columns map[string]bool // canonical names: employee_id, name, email, title, department, location, manager_id, hire_date, role, active
	// Problems are cells the reader could not parse (a date, a status). The import
	// reports them with its own findings, so one upload lists every problem at once.
	Problems []LineError
}

// PeopleColumns are the canonical columns of a people file, in export order.
var PeopleColumns = []string{"employee_id", "name", "email", "title", "department", "location", "manager_id", "hire_date", "role", "active"}
