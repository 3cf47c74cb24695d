package model

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Perspective is one of the six sides of a balanced scorecard. The first is financial;
// the others are what the organization's purpose asks of a manager beside money.
type Perspective string

// The perspectives, in the order scorecards show them.
const (
	PerspectiveFinancial  Perspective = "financial"
	PerspectiveCustomer   Perspective = "customer"
	PerspectivePeople     Perspective = "people"
	PerspectiveImpact     Perspective = "impact"
	PerspectiveInnovation Perspective = "innovation"
	PerspectiveEthics     Perspective = "ethics"
)

// Perspectives lists every perspective in display order.
var Perspectives = []Perspective{PerspectiveFinancial, PerspectiveCustomer, PerspectivePeople, PerspectiveImpact, PerspectiveInnovation, PerspectiveEthics}

// Valid reports whether p is one of Perspectives.
func (p Perspective) Valid() bool {
	for _, x := range Perspectives {
		if p == x {
			return true
		}
	}
	return false
}

// Label is the perspective's name as shown to people.
func (p Perspective) Label() string {
	switch p {
	case PerspectiveFinancial:
		return "Financial"
	case PerspectiveCustomer:
		return "Customer"
	case PerspectivePeople:
		return "People and engagement"
	case PerspectiveImpact:
		return "Social and environmental impact"
	case PerspectiveInnovation:
		return "Innovation"
	case PerspectiveEthics:
		return "Ethics and integrity"
	}
	return string(p)
}

// Purpose reports whether the perspective is one of the purpose outcomes the balance
// warning watches: people and engagement, social and environmental impact, and ethics
// and integrity. Customer and innovation results matter, but a team can buy them with
// the same short-term pressure that buys financial results, so they do not offset it.
func (p Perspective) Purpose() bool {
	return p == PerspectivePeople || p == PerspectiveImpact || p == PerspectiveEthics
}

// Direction says whether a higher or a lower value is better.
type Direction string

// Directions.
const (
	HigherIsBetter Direction = "higher"
	LowerIsBetter  Direction = "lower"
)

// Label is the direction as shown to people.
func (d Direction) Label() string {
	if d == LowerIsBetter {
		return "Lower is better"
	}
	return "Higher is better"
}

// Combine says how the values of several months make one scorecard period.
type Combine string

// Combine rules.
const (
	CombineSum  Combine = "sum"
	CombineAvg  Combine = "avg"
	CombineLast Combine = "last"
)

// Label is the rule as shown to people.
func (c Combine) Label() string {
	switch c {
	case CombineSum:
		return "Sum of the months"
	case CombineAvg:
		return "Average of the months"
	case CombineLast:
		return "Latest month"
	}
	return string(c)
}

// Frequency is how often a metric is observed.
type Frequency string

// Frequencies.
const (
	Monthly   Frequency = "monthly"
	Quarterly Frequency = "quarterly"
)

// MetricScope says whose scorecards carry a metric.
type MetricScope string

// Scopes.
const (
	ScopeAll        MetricScope = "all"        // every middle manager
	ScopeDepartment MetricScope = "department" // middle managers of one department
	ScopeNamed      MetricScope = "named"      // the people named
)

// MetricStatus is where a metric stands in the catalogue. Only published metrics are on
// scorecards.
type MetricStatus string

// Statuses.
const (
	MetricDraft     MetricStatus = "draft"
	MetricPublished MetricStatus = "published"
	MetricRetired   MetricStatus = "retired"
)

// Label is the status as shown to people.
func (s MetricStatus) Label() string {
	switch s {
	case MetricDraft:
		return "Draft"
	case MetricPublished:
		return "Published"
	case MetricRetired:
		return "Retired"
	}
	return string(s)
}

// Metric is an entry of the metric catalogue: what is measured, which way is good, what
// counts as reaching it, and, above all, why it matters. Target and floor are for one
// scorecard period (a quarter), after its months are combined.
type Metric struct {
	ID                  int64
	Key                 string // stable, for integrations: "employee_engagement", "enps"
	Name                string
	Perspective         Perspective
	Unit                string
	Direction           Direction
	Target              float64
	Floor               float64
	Weight              float64
	Combine             Combine
	Frequency           Frequency
	ObjectiveID         int64
	ObjectiveTitle      string
	OwnerID             int64
	OwnerName           string
	OwnerEmail          string
	Why                 string
	Description         string
	Scope               MetricScope
	ScopeDepartmentID   int64
	ScopeDepartmentName string
	ManagerIDs          []int64 // for ScopeNamed
	ManagerNames        []string
	Status              MetricStatus
	Position            int
	CreatedAt           int64
	UpdatedAt           int64
}

// ScopeLabel describes whose scorecards carry the metric.
func (m Metric) ScopeLabel() string {
	switch m.Scope {
	case ScopeDepartment:
		return "Middle managers in " + m.ScopeDepartmentName
	case ScopeNamed:
		if len(m.ManagerNames) == 0 {
			return "Named managers"
		}
		return strings.Join(m.ManagerNames, ", ")
	}
	return "Every middle manager"
}

// FormatValue prints a value of the metric with its unit, rounded for reading: no
// decimals from 100, one from 10, two below. Formulas print FormatNumber instead.
func (m Metric) FormatValue(v float64) string {
	if math.IsNaN(v) {
		return "no data"
	}
	decimals := 2
	switch a := math.Abs(v); {
	case a >= 100:
		decimals = 0
	case a >= 10:
		decimals = 1
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if decimals > 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s + unitSuffix(m.Unit)
}

func unitSuffix(unit string) string {
	switch unit {
	case "":
		return ""
	case "%":
		return "%"
	}
	return " " + unit
}

// FormatNumber prints a number with at most two decimals and no trailing zeros.
func FormatNumber(v float64) string {
	if math.IsNaN(v) {
		return "no data"
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// MetricFilter selects metrics.
type MetricFilter struct {
	Status      MetricStatus // "" for every status but retired
	Perspective Perspective
	IDs         []int64
	WithRetired bool
}

// MetricInput creates or updates a metric. Numbers that could not be read are NaN, so
// Validate names the field.
type MetricInput struct {
	Key               string
	Name              string
	Perspective       Perspective
	Unit              string
	Direction         Direction
	Target            float64
	Floor             float64
	Weight            float64
	Combine           Combine
	Frequency         Frequency
	ObjectiveID       int64
	OwnerID           int64
	OwnerEmail        string // another way to name the owner, resolved by core
	Why               string
	Description       string
	Scope             MetricScope
	ScopeDepartmentID int64
	ManagerIDs        []int64
	Status            MetricStatus
	Position          int
}

var metricKeyRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,63}$`)

// MetricKeyOf derives a key from a name: "CO₂e per garment" becomes "co2e_per_garment".
func MetricKeyOf(name string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		case r == '₂':
			b.WriteByte('2')
		default:
			under = true
		}
	}
	s := b.String()
	if len(s) > 64 {
		s = strings.TrimRight(s[:64], "_")
	}
	if s != "" && (s[0] < 'a' || s[0] > 'z') {
		s = "m_" + s
	}
	return s
}

// Normalize trims the text fields, derives a missing key and fills defaults.
func (in *MetricInput) Normalize() {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Key = strings.ToLower(strings.TrimSpace(in.Key))
	if in.Key == "" {
		in.Key = MetricKeyOf(in.Name)
	}
	in.Unit = strings.TrimSpace(in.Unit)
	in.OwnerEmail = strings.ToLower(strings.TrimSpace(in.OwnerEmail))
	in.Why = strings.TrimSpace(in.Why)
	in.Description = strings.TrimSpace(in.Description)
	if in.Status == "" {
		in.Status = MetricDraft
	}
	if in.Scope == "" {
		in.Scope = ScopeAll
	}
	if in.Scope != ScopeDepartment {
		in.ScopeDepartmentID = 0
	}
	if in.Scope != ScopeNamed {
		in.ManagerIDs = nil
	}
}

// Validate checks the input. A metric cannot be published without saying why it matters.
func (in *MetricInput) Validate() error {
	in.Normalize()
	var v Validator
	v.Check(in.Name != "", "name", "Name the metric.")
	v.Check(utf8.RuneCountInString(in.Name) <= 120, "name", "The name must be at most 120 characters.")
	v.Check(metricKeyRE.MatchString(in.Key), "key", "The key must be 2 to 64 lower-case letters, digits or underscores, starting with a letter.")
	v.Check(in.Perspective.Valid(), "perspective", "Choose a perspective.")
	v.Check(utf8.RuneCountInString(in.Unit) <= 20, "unit", "The unit must be at most 20 characters.")
	v.Check(in.Direction == HigherIsBetter || in.Direction == LowerIsBetter, "direction", "Say whether higher or lower is better.")
	v.Check(in.Combine == CombineSum || in.Combine == CombineAvg || in.Combine == CombineLast, "combine", "Choose how months combine: sum, average or latest.")
	v.Check(in.Frequency == Monthly || in.Frequency == Quarterly, "frequency", "Choose monthly or quarterly.")
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	v.Check(finite(in.Target), "target", "Enter the target as a number.")
	v.Check(finite(in.Floor), "floor", "Enter the floor as a number.")
	if finite(in.Target) && finite(in.Floor) && !v.Has("direction") {
		switch {
		case in.Target == in.Floor:
			v.Add("floor", "The floor must differ from the target: attainment is measured between them.")
		case in.Direction == HigherIsBetter && in.Target < in.Floor:
			v.Add("floor", "When higher is better, the floor must be below the target.")
		case in.Direction == LowerIsBetter && in.Target > in.Floor:
			v.Add("floor", "When lower is better, the floor must be above the target (the worst value that still counts).")
		}
	}
	v.Check(finite(in.Weight) && in.Weight > 0 && in.Weight <= 100, "weight", "The weight must be a number above 0 and at most 100.")
	v.Check(utf8.RuneCountInString(in.Why) <= 2000, "why", "Why it matters must be at most 2,000 characters.")
	v.Check(utf8.RuneCountInString(in.Description) <= 4000, "description", "The description must be at most 4,000 characters.")
	switch in.Scope {
	case ScopeAll:
	case ScopeDepartment:
		v.Check(in.ScopeDepartmentID > 0, "scope_department_id", "Choose the department whose managers carry this metric.")
	case ScopeNamed:
		v.Check(len(in.ManagerIDs) > 0, "manager_ids", "Name at least one manager.")
		v.Check(len(in.ManagerIDs) <= 500, "manager_ids", "Name at most 500 managers; use a department or everyone instead.")
	default:
		v.Add("scope", "Choose everyone, a department or named managers.")
	}
	switch in.Status {
	case MetricDraft, MetricRetired:
	case MetricPublished:
		v.Check(in.Why != "", "why", "Say why this metric matters: a metric cannot be published without it.")
	default:
		v.Add("status", "Choose draft, published or retired.")
	}
	return v.Err()
}

// SubjectType is what an observation measures: a manager's team or a department.
type SubjectType string

// Subject types.
const (
	SubjectTeam       SubjectType = "team"
	SubjectDepartment SubjectType = "department"
)

// Source is where an observation came from.
type Source string

// Sources. System and survey values are written by Throughline itself (pulse surveys,
// adopted ideas, service hours).
const (
	SourceManual Source = "manual"
	SourceCSV    Source = "csv"
	SourceAPI    Source = "api"
	SourceSystem Source = "system"
	SourceSurvey Source = "survey"
)

// Label is the source as shown to people.
func (s Source) Label() string {
	switch s {
	case SourceManual:
		return "Entered by hand"
	case SourceCSV:
		return "CSV import"
	case SourceAPI:
		return "API"
	case SourceSystem:
		return "Throughline"
	case SourceSurvey:
		return "Pulse survey"
	}
	return string(s)
}

// Observation is one value of a metric for a subject in a period (a month or a quarter,
// as the metric's frequency says).
type Observation struct {
	ID          int64
	MetricID    int64
	MetricKey   string
	MetricName  string
	SubjectType SubjectType
	SubjectID   int64
	SubjectName string
	Period      string
	Value       float64
	Source      Source
	Note        string
	ByName      string
	CreatedAt   int64
	UpdatedAt   int64
	Corrections int // how many times the value was corrected
}

// ObservationChange is one correction of an observation: the value before, who changed
// it and when.
type ObservationChange struct {
	ObservationID int64
	OldValue      float64
	NewValue      float64
	OldSource     Source
	OldNote       string
	ByName        string
	ChangedAt     int64
}

// ObservationFilter selects observations.
type ObservationFilter struct {
	MetricID    int64
	SubjectType SubjectType
	SubjectID   int64
	Periods     []string
	Page        Page
}

// ObservationInput records one value. The subject is given by id, or by reference: a
// manager's employee id for a team, a department's name. Line is the file line, for
// CSV imports.
type ObservationInput struct {
	Line        int
	MetricID    int64
	MetricKey   string
	SubjectType SubjectType
	SubjectID   int64
	SubjectRef  string
	Period      string
	Value       float64
	Note        string
}

// Normalize trims the fields.
func (in *ObservationInput) Normalize() {
	in.MetricKey = strings.ToLower(strings.TrimSpace(in.MetricKey))
	in.SubjectType = SubjectType(strings.ToLower(strings.TrimSpace(string(in.SubjectType))))
	if in.SubjectType == "" {
		in.SubjectType = SubjectTeam
	}
	in.SubjectRef = strings.TrimSpace(in.SubjectRef)
	in.Period = strings.ToUpper(strings.TrimSpace(in.Period))
	in.Note = strings.TrimSpace(in.Note)
}

// Validate checks what needs no database. Field names match the CSV headers.
func (in *ObservationInput) Validate() error {
	in.Normalize()
	var v Validator
	v.Check(in.MetricID > 0 || in.MetricKey != "", "metric", "Name the metric by its key.")
	v.Check(in.SubjectType == SubjectTeam || in.SubjectType == SubjectDepartment, "subject_type", "The subject type must be team or department.")
	v.Check(in.SubjectID > 0 || in.SubjectRef != "", "subject", "Name the subject: a manager's employee id for a team, or a department's name.")
	v.Check(ValidMonth(in.Period) || ValidQuarter(in.Period), "period", "The period must be a month (2026-03) or a quarter (2026-Q1).")
	v.Check(!math.IsNaN(in.Value) && !math.IsInf(in.Value, 0), "value", "The value must be a number.")
	v.Check(math.Abs(in.Value) < 1e12, "value", "The value is too large.")
	v.Check(utf8.RuneCountInString(in.Note) <= 500, "note", "The note must be at most 500 characters.")
	return v.Err()
}

// ObservationReport summarizes a batch of observations.
type ObservationReport struct {
	Rows      int
	Created   int
	Corrected int
	Unchanged int
	DryRun    bool
}

// Summary is one sentence about the report.
func (r ObservationReport) Summary() string {
	verb := "Recorded"
	if r.DryRun {
		verb = "Dry run:"
	}
	return fmt.Sprintf("%s %d %s: %d new, %d corrected, %d unchanged.", verb, r.Rows, plural(r.Rows, "value", "values"), r.Created, r.Corrected, r.Unchanged)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ObservationColumns are the columns of an observations file, in export order.
var ObservationColumns = []string{"metric", "subject_type", "subject", "period", "value", "note"}

// Periods. Months are "2026-03", quarters "2026-Q1". Scorecards are quarterly: a monthly
// metric's months are combined by its rule into its quarter.

// ValidMonth reports whether s is a month "YYYY-MM".
func ValidMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	_, err := time.Parse("2006-01", s)
	return err == nil
}

// ValidQuarter reports whether s is a quarter "YYYY-Qn".
func ValidQuarter(s string) bool {
	if len(s) != 7 || s[4] != '-' || s[5] != 'Q' || s[6] < '1' || s[6] > '4' {
		return false
	}
	y, err := strconv.Atoi(s[:4])
	return err == nil && y >= 1900 && y <= 2999
}

// QuarterOf returns the quarter a month or a quarter belongs to.
func QuarterOf(period string) string {
	if ValidQuarter(period) {
		return period
	}
	if !ValidMonth(period) {
		return ""
	}
	m, _ := strconv.Atoi(period[5:])
	return period[:4] + "-Q" + strconv.Itoa((m-1)/3+1)
}

// QuarterOfTime returns the quarter of an instant (UTC).
func QuarterOfTime(t time.Time) string {
	return QuarterOf(t.UTC().Format("2006-01"))
}

// MonthsOf returns the three months of a quarter.
func MonthsOf(quarter string) []string {
	if !ValidQuarter(quarter) {
		return nil
	}
	q := int(quarter[6] - '0')
	out := make([]string, 3)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%02d", quarter[:4], (q-1)*3+i+1)
	}
	return out
}

// AddQuarters moves a quarter by n (negative goes back).
func AddQuarters(quarter string, n int) string {
	if !ValidQuarter(quarter) {
		return ""
	}
	y, _ := strconv.Atoi(quarter[:4])
	idx := y*4 + int(quarter[6]-'1') + n
	return fmt.Sprintf("%04d-Q%d", idx/4, idx%4+1)
}

// QuarterLabel is "Q1 2026" for "2026-Q1".
func QuarterLabel(quarter string) string {
	if !ValidQuarter(quarter) {
		return quarter
	}
	return quarter[5:] + " " + quarter[:4]
}

// PeriodLabel is "Mar 2026" for a month and "Q1 2026" for a quarter.
func PeriodLabel(period string) string {
	if ValidMonth(period) {
		t, _ := time.Parse("2006-01", period)
		return t.Format("Jan 2006")
	}
	return QuarterLabel(period)
}

// QuarterEnd is the last day of a quarter, "2026-03-31".
func QuarterEnd(quarter string) string {
	months := MonthsOf(quarter)
	if months == nil {
		return ""
	}
	t, _ := time.Parse("2006-01", months[2])
	return t.AddDate(0, 1, -1).Format("2006-01-02")
}
