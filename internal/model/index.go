package model

// IndexComponent is one named part of the Purpose Leadership Index.
type IndexComponent string

// The components, in the order the index shows them.
const (
	ComponentLineOfSight    IndexComponent = "line_of_sight"
	ComponentDevelopment    IndexComponent = "development"
	ComponentPurposeResults IndexComponent = "purpose_results"
	ComponentCollaboration  IndexComponent = "collaboration"
	ComponentEngagement     IndexComponent = "team_engagement"
)

// IndexComponents lists the components in order.
var IndexComponents = []IndexComponent{ComponentLineOfSight, ComponentDevelopment, ComponentPurposeResults, ComponentCollaboration, ComponentEngagement}

// Label is the component's name.
func (c IndexComponent) Label() string {
	switch c {
	case ComponentLineOfSight:
		return "Line of sight"
	case ComponentDevelopment:
		return "Development"
	case ComponentPurposeResults:
		return "Purpose results"
	case ComponentCollaboration:
		return "Collaboration"
	case ComponentEngagement:
		return "Team engagement"
	}
	return string(c)
}

// Short is a short label for narrow table headers.
func (c IndexComponent) Short() string {
	switch c {
	case ComponentLineOfSight:
		return "Sight"
	case ComponentDevelopment:
		return "Growth"
	case ComponentPurposeResults:
		return "Purpose"
	case ComponentCollaboration:
		return "Collab."
	case ComponentEngagement:
		return "Engagement"
	}
	return string(c)
}

// Valid reports whether c is a known component.
func (c IndexComponent) Valid() bool {
	for _, x := range IndexComponents {
		if c == x {
			return true
		}
	}
	return false
}

// IndexWeights are the organization's weights of the components; equal by default.
type IndexWeights map[IndexComponent]float64

// DefaultIndexWeights weigh every component equally (20% each when all have data).
func DefaultIndexWeights() IndexWeights {
	return IndexWeights{ComponentLineOfSight: 1, ComponentDevelopment: 1, ComponentPurposeResults: 1, ComponentCollaboration: 1, ComponentEngagement: 1}
}

// IndexInputs are the facts one manager's index is computed from, for one period.
type IndexInputs struct {
	// Line of sight.
	HasStatement bool // wrote a personal purpose statement
	TeamGoals    int  // goals of the manager and their direct reports in the period's year
	LinkedGoals  int  // of them, those that reach a strategic objective

	// Development.
	InProgram        bool
	ProgramProgress  float64 // mean progress over the programs they take part in, 0..1
	HasCompetency    bool    // rated by others in two assessments
	CompetencyBefore float64 // others' mean rating in the earlier one, 1..5
	CompetencyAfter  float64 // and in the later one

	// Purpose results: the non-financial perspectives of the scorecard.
	Perspectives []PerspectiveScore

	// Collaboration over the twelve months ending with the period.
	DepartmentsReached int
	OtherDepartments   int // departments other than their own
	Contributions      int // initiatives, hackathons, service projects, ideas

	// Team engagement from the latest pulse of the period.
	HasEngagement    bool // the team's responses met the anonymity threshold
	EngagementHidden bool // the team was asked, but too few answered to show it
	Engagement       float64
	Respondents      int
}

// IndexInput is one input of a component, as shown to people.
type IndexInput struct {
	Label string
	Value string
}

// ComponentValue is one component of a manager's index.
type ComponentValue struct {
	Component IndexComponent
	Has       bool
	Value     float64 // 0..100
	Weight    float64 // the organization's weight
	Share     float64 // its share of the index, among the components with data
	Formula   string
	Inputs    []IndexInput
}

// Index is one manager's Purpose Leadership Index for a period.
type Index struct {
	Person     Person
	Period     string
	Has        bool
	Value      float64 // 0..100
	Coverage   int     // components with data
	Components []ComponentValue
	Inputs     IndexInputs
}

// Engagement statuses of a manager's team in a period.
const (
	EngagementShown        = "ok"           // the latest pulse met the threshold
	EngagementInsufficient = "insufficient" // asked, too few answered: no figure at all
	EngagementNone         = "none"         // no pulse in the period
)

// EngagementStatus says whether the team's engagement is shown, hidden or absent.
func (in IndexInputs) EngagementStatus() string {
	switch {
	case in.HasEngagement:
		return EngagementShown
	case in.EngagementHidden:
		return EngagementInsufficient
	}
	return EngagementNone
}

// IndexRun is one precomputed period of the index.
type IndexRun struct {
	Period     string
	ComputedAt int64
	Managers   int
	Weights    IndexWeights
	Settings   ScoreSettings // the perspective weights the purpose results used
}

// IndexGroupBy is the dimension of a heatmap.
type IndexGroupBy string

// Heatmap dimensions.
const (
	IndexByDepartment IndexGroupBy = "department"
	IndexByLocation   IndexGroupBy = "location"
	IndexByLevel      IndexGroupBy = "level"
)

// Label names the dimension.
func (g IndexGroupBy) Label() string {
	switch g {
	case IndexByLocation:
		return "Location"
	case IndexByLevel:
		return "Level"
	}
	return "Department"
}

// Valid reports whether g is a known dimension.
func (g IndexGroupBy) Valid() bool {
	return g == IndexByDepartment || g == IndexByLocation || g == IndexByLevel
}

// IndexFilter selects managers' index values.
type IndexFilter struct {
	Periods      []string
	PersonIDs    []int64
	Under        string // a reporting-line prefix
	DepartmentID int64
	LocationID   int64
	Depth        int
	Page         Page
}

// IndexCellSums are the sums behind one heatmap cell: for the index and each
// component, the sum of the managers' values and how many had one; for team
// engagement, also how many teams were hidden below the threshold and how many people
// answered in the shown ones.
type IndexCellSums struct {
	Period    string
	GroupID   int64
	GroupName string
	Managers  int
	Sum       map[string]float64 // "index" or a component
	N         map[string]int
	Hidden    int // teams whose pulse was below the threshold
	Answered  int // respondents in the shown teams
}

// Component returns one component.
func (x Index) Component(c IndexComponent) ComponentValue {
	for _, v := range x.Components {
		if v.Component == c {
			return v
		}
	}
	return ComponentValue{Component: c}
}
