package demo

// strategy is a scenario's purpose, values and objectives, written for Throughline.
type strategy struct {
	Purpose     string
	Explanation string
	Values      []valueText
	Objectives  []objectiveText
	// TeamGoals are goal titles a middle manager might set, by department name; the
	// generator picks from them. Others fall back to generic titles.
	TeamGoals map[string][]goalText
}

type valueText struct {
	Name, Description string
	Behaviours        []string
}

type objectiveText struct {
	Title, Why, Horizon string
	Departments         []string // departments whose heads adopt it
	Goal                string   // the department goal that serves it
	KR                  krText
	DeptGoals           map[string]goalText // per department, instead of Goal and KR
}

type goalText struct {
	Title string
	KR    krText
}

type krText struct {
	Title         string
	Start, Target float64
	Unit          string
}

var strategies = map[string]strategy{
	"agriculture": {
		Purpose:     "We grow good food in ways that leave the land richer for the next generation.",
		Explanation: "Every field decision is a trade between this season and the next twenty. We choose soil, water and people over short-term yield, and we prove that responsible farming is also sound business.",
		Values: []valueText{
			{"Stewardship", "We treat soil, water and habitat as capital we hold in trust.", []string{"Checks soil data before changing a plan", "Raises it when a practice wastes water", "Leaves a field better documented than they found it"}},
			{"Safety first", "No harvest is worth an injury.", []string{"Stops work when something looks unsafe", "Reports near misses the same day", "Walks new colleagues through the risks"}},
			{"Straight talk", "We say what we see, early and kindly.", []string{"Shares bad news before it grows", "Asks why before disagreeing", "Gives feedback face to face"}},
			{"Curiosity", "Every season is an experiment we learn from.", []string{"Tries a small trial before a big change", "Writes down what worked and what did not", "Asks agronomy and the field crew for their view"}},
			{"Neighbourliness", "Our farms are part of rural communities, not apart from them.", []string{"Buys and hires locally where we can", "Shows up for community events", "Keeps neighbours informed about spraying and traffic"}},
		},
		Objectives: []objectiveText{
			{"Build soil health on every acre we farm", "Healthy soil holds water, stores carbon and keeps yields steady in bad years. It is the asset the whole business stands on.", "2026–2028", []string{"Agronomy", "Field Operations", "Finance"}, "Raise soil organic matter across our fields", krText{"Average soil organic matter", 2.8, 3.2, "%"},
				map[string]goalText{"Finance": {"Fund the soil programme for three seasons", krText{"Programme funding secured", 0, 900, "k$"}}}},
			{"Farm within the water we have", "Aquifers and rivers are shared with our neighbours and the next generation; droughts are getting longer.", "2026–2027", []string{"Field Operations"}, "Cut water used per tonne harvested", krText{"Water per tonne", 14, 11, "m³/t"}, nil},
			{"Be the partner buyers trust for responsible grain", "Buyers increasingly pay for traceable, responsibly grown crops. Trust is earned shipment by shipment.", "2026", []string{"Sales", "Supply Chain"}, "Deliver on time and traceable", krText{"On-time deliveries", 88, 96, "%"}, nil},
			{"Send everyone home safe, every day", "Farming is one of the most dangerous industries. Our people's safety comes before any target.", "2026", []string{"Field Operations", "People"}, "Halve recordable safety incidents", krText{"Recordable incidents per quarter", 12, 6, ""}, nil},
			{"Restore habitat for pollinators on our land", "Pollinators underpin the crops we and our neighbours grow, and their habitat is disappearing.", "2026–2030", nil, "", krText{}, nil},
		},
		TeamGoals: map[string][]goalText{
			"Field Operations": {{"Cover-crop the winter fields", krText{"Fields with cover crops", 20, 60, "%"}}, {"Switch the north block to drip irrigation", krText{"Acres on drip", 0, 400, "ac"}}, {"Zero lost-time injuries this season", krText{"Lost-time injuries", 3, 0, ""}}},
			"Agronomy":         {{"Soil-test every field twice a year", krText{"Fields tested", 40, 100, "%"}}, {"Cut nitrogen per hectare without losing yield", krText{"Nitrogen per hectare", 180, 150, "kg/ha"}}},
			"Supply Chain":     {{"Trace every load from field to buyer", krText{"Loads traced", 55, 100, "%"}}, {"Reduce storage losses", krText{"Storage loss", 4, 2, "%"}}},
			"Sales":            {{"Grow contracts for verified sustainable grain", krText{"Verified contracts", 6, 15, ""}}, {"Raise buyer satisfaction", krText{"Buyer NPS", 21, 35, ""}}},
			"Finance":          {{"Fund the soil programme from savings", krText{"Savings found", 0, 250, "k$"}}, {"Close the books in five days", krText{"Days to close", 9, 5, "days"}}},
			"People":           {{"Train every crew lead in safety coaching", krText{"Crew leads trained", 30, 100, "%"}}, {"Lift seasonal-worker retention", krText{"Returning seasonal workers", 45, 60, "%"}}},
		},
	},
}

// genericTeamGoals are used for departments a scenario does not describe.
var genericTeamGoals = []goalText{
	{"Make our team's work visible to the people it serves", krText{"Stakeholders who rate us useful", 60, 80, "%"}},
	{"Cut the time our customers wait on us", krText{"Median response time", 48, 24, "h"}},
	{"Run one improvement experiment a month", krText{"Experiments run", 0, 6, ""}},
}

// individualGoals are personal goals team members set under their manager's goal.
var individualGoals = []string{
	"Lead the pilot on my patch", "Document what we learn each week", "Train two colleagues on the new practice",
	"Bring the numbers for our team's review", "Own the customer follow-ups", "Fix the handover checklist",
}

// personalStatements are personal purpose statements middle managers wrote (our own words).
var personalStatements = []string{
	"I help my team do work they are proud of, so that the people who depend on us never have to worry.",
	"I turn big goals into next week's plan, so that everyone on my team knows why their work matters.",
	"I grow people who grow things: a good season starts with a team that trusts each other.",
	"I make hard problems small enough to solve together, so that we keep our promises to customers.",
	"I want every person I lead to leave a little more capable and confident than they came.",
	"I protect the time and safety of my crew so that they can do their best work and go home well.",
	"I connect what we do on the ground to why it matters, so that effort never feels wasted.",
	"I build a team where bad news travels fast and credit is shared.",
}

var ownWordsValues = []string{"Patience", "Craft", "Humour", "Family", "Fairness", "Courage", "Learning", "Resilience"}
