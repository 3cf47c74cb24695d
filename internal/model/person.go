package model

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Department is a unit of the organization.
type Department struct {
	ID        int64
	Name      string
	Headcount int // active people
}

// Location is a place people work from.
type Location struct {
	ID        int64
	Name      string
	Headcount int // active people
}

// Person is someone in the organization. The reporting hierarchy is ManagerID; Path is
// the materialized chain of their managers' ids from the top of the organization down
// ("/1/7/" for someone whose manager is 7, who reports to 1; "/" at the top). Everyone
// in a person's reporting line has a path that starts with LinePrefix ("/1/7/42/"), so
// "everyone under this manager" is one indexed range query, and a path is known before
// the person's own id is.
//
// The directory fields (name, title, email, department, location, manager) are visible
// to every signed-in person. Everything else is private to the person, their reporting
// line, hr and admin: core hands out Directory() copies to everyone else.
type Person struct {
	ID             int64
	Name           string
	Email          string
	Title          string
	DepartmentID   int64
	DepartmentName string
	LocationID     int64
	LocationName   string
	ManagerID      int64
	ManagerName    string

	// Private fields.
	EmployeeID            string
	HireDate              string // YYYY-MM-DD, or "" when unknown
	Active                bool
	MiddleManagerOverride *bool // nil: decided by the hierarchy
	IsMiddleManager       bool  // has a manager and active direct reports, unless overridden
	DirectReports         int
	Depth                 int // 1 at the top of the organization
	Path                  string
	AccountRole           Role // "" when the person has no account
	UpdatedAt             int64

	// Restricted is true when the private fields were withheld from the viewer.
	Restricted bool
}

// Directory returns a copy of p that keeps only the directory fields.
func (p Person) Directory() Person {
	return Person{
		ID: p.ID, Name: p.Name, Email: p.Email, Title: p.Title,
		DepartmentID: p.DepartmentID, DepartmentName: p.DepartmentName,
		LocationID: p.LocationID, LocationName: p.LocationName,
		ManagerID: p.ManagerID, ManagerName: p.ManagerName,
		Active:        p.Active,
		DirectReports: p.DirectReports, // derivable from the directory's manager fields
		Restricted:    true,
	}
}

// LinePrefix is the path prefix of everyone below the person.
func (p Person) LinePrefix() string { return p.Path + strconv.FormatInt(p.ID, 10) + "/" }

// Level is the person's level in the hierarchy as shown in analytics: 1 is the top.
func (p Person) Level() int { return p.Depth }

// Initials are up to two letters for an avatar.
func (p Person) Initials() string {
	var out []rune
	for _, w := range strings.Fields(p.Name) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, r)
	}
	switch len(out) {
	case 0:
		return "?"
	case 1:
		return strings.ToUpper(string(out))
	}
	return strings.ToUpper(string(out[0]) + string(out[len(out)-1]))
}

// PersonFilter selects people.
type PersonFilter struct {
	Query           string // matches name, email, title and employee id, case-insensitively
	DepartmentID    int64
	LocationID      int64
	ManagerID       int64   // direct reports of this person
	ManagerIDs      []int64 // direct reports of any of these people
	TopLevel        bool    // only people without a manager
	Under           string  // a line prefix (Person.LinePrefix): everyone below that person
	IDs             []int64
	MiddleManagers  bool // only middle managers
	IncludeInactive bool
	Page            Page
}

// PersonInput creates or updates a person. Department, location and manager are given
// by name and employee id, the way people files and forms name them.
type PersonInput struct {
	EmployeeID        string
	Name              string
	Email             string
	Title             string
	Department        string
	Location          string
	ManagerEmployeeID string
	HireDate          string
	Active            bool
	Role              Role // "" leaves the account alone
}

// Normalize trims every field and lower-cases the email.
func (in *PersonInput) Normalize() {
	in.EmployeeID = strings.TrimSpace(in.EmployeeID)
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Title = strings.TrimSpace(in.Title)
	in.Department = strings.Join(strings.Fields(in.Department), " ")
	in.Location = strings.Join(strings.Fields(in.Location), " ")
	in.ManagerEmployeeID = strings.TrimSpace(in.ManagerEmployeeID)
	in.HireDate = strings.TrimSpace(in.HireDate)
	in.Role = Role(strings.ToLower(strings.TrimSpace(string(in.Role))))
}

// Validate checks the fields that need no database. Field names match the CSV headers.
func (in *PersonInput) Validate() error {
	var v Validator
	in.check(&v)
	return v.Err()
}

func (in *PersonInput) check(v *Validator) {
	v.Check(in.EmployeeID != "", "employee_id", "Employee id is required.")
	v.Check(utf8.RuneCountInString(in.EmployeeID) <= 64, "employee_id", "Employee id must be at most 64 characters.")
	v.Check(in.Name != "", "name", "Name is required.")
	v.Check(utf8.RuneCountInString(in.Name) <= 200, "name", "Name must be at most 200 characters.")
	if in.Email == "" {
		v.Add("email", "Email is required.")
	} else if !ValidEmail(in.Email) {
		v.Add("email", "Email \""+Clip(in.Email, 80)+"\" is not a valid email address.")
	}
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "Title must be at most 200 characters.")
	v.Check(utf8.RuneCountInString(in.Department) <= 200, "department", "Department must be at most 200 characters.")
	v.Check(utf8.RuneCountInString(in.Location) <= 200, "location", "Location must be at most 200 characters.")
	if in.HireDate != "" && !ValidDate(in.HireDate) {
		v.Add("hire_date", "Hire date \""+Clip(in.HireDate, 40)+"\" is not a date in the form YYYY-MM-DD.")
	}
	if in.ManagerEmployeeID != "" && in.ManagerEmployeeID == in.EmployeeID {
		v.Add("manager_id", "A person cannot be their own manager.")
	}
	if in.Role != "" && !in.Role.Valid() {
		v.Add("role", "Role \""+Clip(string(in.Role), 40)+"\" is not one of admin, hr, executive, manager, employee, coach.")
	}
}

// ValidEmail reports whether s is a plain email address (no display name).
func ValidEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// ValidDate reports whether s is a calendar date in the form YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// Clip shortens s to at most n runes, for quoting user input in messages.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// FoldKey is the case-insensitive key of s: Unicode lower case with runs of spaces
// collapsed. It is computed in Go because SQLite's lower() folds ASCII only.
func FoldKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// SearchKey is the text a person is found by in the directory.
func SearchKey(p PersonInput) string {
	return FoldKey(p.Name + " " + p.Email + " " + p.Title + " " + p.EmployeeID)
}

// MiddleManagerUpdate sets or clears a person's middle-manager override.
type MiddleManagerUpdate struct {
	Override *bool
}
