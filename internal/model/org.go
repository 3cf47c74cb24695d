package model

// OrgCounts are the headline numbers of the organization.
type OrgCounts struct {
	People         int
	Inactive       int
	Departments    int
	Locations      int
	Managers       int // people with direct reports
	MiddleManagers int
	Accounts       int
}

// OrgNode is one person in the org chart with their reports.
type OrgNode struct {
	Person  Person
	Reports []*OrgNode
	Total   int // everyone below, at any depth
	More    int // reports not expanded because of the depth limit
}
