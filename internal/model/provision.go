package model

// ProvisionedUser is a person as an identity provider provisions them (SCIM 2.0).
type ProvisionedUser struct {
	ID         int64
	ExternalID string
	EmployeeID string
	Email      string // the SCIM userName
	Name       string
	GivenName  string
	FamilyName string
	Title      string
	Department string
	ManagerID  int64 // a person id
	Active     bool
	Created    int64
	Modified   int64
}

// ProvisionedGroup is a department as an identity provider sees it: a group whose
// members are the people in the department.
type ProvisionedGroup struct {
	ID      int64
	Name    string
	Members []ProvisionedMember
}

// ProvisionedMember is one member of a group.
type ProvisionedMember struct {
	ID   int64
	Name string
}
