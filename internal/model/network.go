package model

// CollabKind is an activity through which people work together.
type CollabKind string

// The activities that connect people in the collaboration network.
const (
	CollabInitiative CollabKind = "initiative"
	CollabHackathon  CollabKind = "hackathon"
	CollabService    CollabKind = "service"
	CollabCoAuthor   CollabKind = "post"
)

// Label is the activity as shown to people.
func (k CollabKind) Label() string {
	switch k {
	case CollabInitiative:
		return "Initiative"
	case CollabHackathon:
		return "Hackathon team"
	case CollabService:
		return "Service project"
	case CollabCoAuthor:
		return "Co-authored post"
	}
	return string(k)
}

// Activity is one piece of work done together: an initiative, a hackathon team, a
// service project team, or a co-authored post.
type Activity struct {
	Kind    CollabKind
	ID      int64
	Title   string
	Href    string
	StartOn string
	EndOn   string
	People  int
}

// Tie is a collaboration between two people: the activities they shared in the window.
type Tie struct {
	Person          Person
	Weight          int // shared activities
	CrossDepartment bool
	Kinds           []CollabKind
}

// NetworkWindow is the span of time a network is drawn from.
type NetworkWindow struct {
	From, To string // inclusive dates
	Period   string // the period the window ends with, when asked for one
}

// NetworkMeasure is one person's place in the collaboration network over a window.
//
// Reach: DepartmentsReached is the number of departments other than their own among the
// people they are tied to; CrossTies is how many of those people are in another
// department. Brokerage is 1 − Burt's constraint (Burt 1992, Structural Holes; see
// stats.Constraint), floored at 0: near 1 for someone whose collaborators are not
// connected to each other (a bridge), 0 for someone inside one closed group or with a
// single collaborator. Contributions counts the activities they took part in.
type NetworkMeasure struct {
	PersonID            int64
	Name                string
	DepartmentID        int64
	DepartmentName      string
	LocationName        string
	MiddleManager       bool
	Ties                int
	CrossTies           int
	DepartmentsReached  int
	Constraint          float64 // NaN-free: 0 when the person has no ties (see HasTies)
	Brokerage           float64
	HasTies             bool
	Contributions       int // activities in the window
	PeriodContributions int // activities overlapping the period itself
}

// PersonNetwork is one person's network page.
type PersonNetwork struct {
	Person       Person
	Window       NetworkWindow
	Measure      NetworkMeasure
	Ties         []Tie
	ByDepartment []MixCount // collaborators by department, own department included
	Activities   []Activity
	// Percentile is the share of middle managers whose brokerage is below this person's.
	Percentile float64
}

// DepartmentMatrix is the department × department view of the network: how many ties
// join people of each pair of departments. Share[i][j] is the fraction of department i's
// tie ends that reach department j, so each row sums to 1 and the diagonal is how
// inward-looking a department is.
type DepartmentMatrix struct {
	Departments []string
	People      []int // active people per department
	Ties        [][]int
	Share       [][]float64
	Inward      []float64 // Share[i][i]
	Reached     []int     // other departments with at least one tie
	Total       []int     // tie ends per department
}

// SiloThreshold is the inward share above which a department is called a silo.
const SiloThreshold = 0.7

// Silo is a department whose ties stay mostly inside it.
type Silo struct {
	Department string
	Inward     float64
	Reached    int
}

// OrgNetwork is the organization's collaboration network at a glance.
type OrgNetwork struct {
	Window     NetworkWindow
	Matrix     DepartmentMatrix
	Silos      []Silo
	Bridges    []NetworkMeasure // the people with the highest brokerage
	Managers   []NetworkMeasure // middle managers
	People     int              // active people
	Connected  int              // people with at least one tie
	Ties       int
	CrossShare float64 // share of ties that cross departments
	Method     string
	ComputedAt int64 // when the stored computation was made
}

// CollabSummary is the collaboration corner of a person's home page: their reach in
// the last twelve months, and what is open to join.
type CollabSummary struct {
	DepartmentsReached int
	CrossTies          int
	Collaborators      int
	Activities         int
	OpenHackathons     []Hackathon // open for registration or hacking
	OpenInitiatives    int
	MyInitiatives      int
	NewIdeas           int // posted in the last 30 days
}
