package model

// Role is an account's role. It decides what an account may see and do, together with
// the reporting line (a person sees their own direct and indirect reports).
type Role string

// The roles.
const (
	RoleAdmin     Role = "admin"
	RoleHR        Role = "hr"
	RoleExecutive Role = "executive"
	RoleManager   Role = "manager"
	RoleEmployee  Role = "employee"
	RoleCoach     Role = "coach"
)

// Roles lists every role, most privileged first.
var Roles = []Role{RoleAdmin, RoleHR, RoleExecutive, RoleManager, RoleEmployee, RoleCoach}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Label is the role's name as shown to people.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Administrator"
	case RoleHR:
		return "HR"
	case RoleExecutive:
		return "Executive"
	case RoleManager:
		return "Manager"
	case RoleEmployee:
		return "Employee"
	case RoleCoach:
		return "Coach"
	}
	return string(r)
}

// Actor is who a request acts for: a signed-in account or an API token's account.
// The zero Actor is anonymous.
type Actor struct {
	AccountID int64
	PersonID  int64  // 0 when the account is not linked to a person
	Line      string // the prefix of every path in the person's reporting line ("/1/7/42/"); "" without a person
	Role      Role
	Name      string
	Login     string
	SessionID string // hash of the session token, when signed in through a session
	TokenID   int64  // id of the API token, when authenticated by one
}

// Anonymous reports whether the actor is not signed in.
func (a Actor) Anonymous() bool { return a.AccountID == 0 }

// Is reports whether the actor has one of roles.
func (a Actor) Is(roles ...Role) bool {
	for _, r := range roles {
		if a.Role == r {
			return true
		}
	}
	return false
}

// SeesEveryone reports whether the actor's role reads every person's record: hr and admin.
func (a Actor) SeesEveryone() bool { return a.Is(RoleAdmin, RoleHR) }

// System is the actor for work Throughline does itself (imports from the command line,
// the demo generator, scheduled jobs). It has admin rights and no account.
var System = Actor{Role: RoleAdmin, Name: "Throughline"}

// IsSystem reports whether a is the System actor.
func (a Actor) IsSystem() bool {
	return a.AccountID == 0 && a.Role == RoleAdmin && a.Name == System.Name
}
