package demo

// Scenario is an industry setting for a demo organization. The texts are our own.
type Scenario struct {
	Key         string
	OrgName     string
	Domain      string
	Summary     string
	Departments []Dept
	Locations   []string
}

// Dept is a department with the titles used at each level inside it.
type Dept struct {
	Name     string
	Weight   float64 // share of headcount
	Head     string  // title of the department head
	Senior   string  // title of managers of managers
	Manager  string  // title of middle managers
	Member   []string
	Location int // index of the main location; people spread from there
}

// Scenarios are the six industries of the demo, by key.
var Scenarios = map[string]Scenario{
	"agriculture": {
		Key: "agriculture", OrgName: "Prairie Roots Farms", Domain: "prairieroots.example",
		Summary: "A mid-sized North American farm business moving to sustainable, responsible farming.",
		Departments: []Dept{
			{Name: "Field Operations", Weight: 0.30, Head: "VP Field Operations", Senior: "Regional Operations Manager", Manager: "Farm Manager", Member: []string{"Crop Technician", "Equipment Operator", "Field Hand", "Irrigation Specialist"}, Location: 0},
			{Name: "Agronomy", Weight: 0.14, Head: "Chief Agronomist", Senior: "Agronomy Lead", Manager: "Agronomy Team Lead", Member: []string{"Agronomist", "Soil Scientist", "Research Technician"}, Location: 1},
			{Name: "Supply Chain", Weight: 0.18, Head: "VP Supply Chain", Senior: "Logistics Manager", Manager: "Warehouse Supervisor", Member: []string{"Logistics Coordinator", "Grain Handler", "Driver", "Planner"}, Location: 0},
			{Name: "Sales", Weight: 0.16, Head: "VP Sales", Senior: "Regional Sales Manager", Manager: "Sales Team Lead", Member: []string{"Account Manager", "Sales Representative", "Customer Service Specialist"}, Location: 3},
			{Name: "Finance", Weight: 0.11, Head: "Chief Financial Officer", Senior: "Finance Manager", Manager: "Accounting Team Lead", Member: []string{"Accountant", "Financial Analyst", "Payroll Specialist"}, Location: 0},
			{Name: "People", Weight: 0.11, Head: "Chief People Officer", Senior: "People Partner Lead", Manager: "People Team Lead", Member: []string{"People Partner", "Learning Specialist", "Recruiter", "Wellbeing Coordinator"}, Location: 0},
		},
		Locations: []string{"Iowa", "Nebraska", "Saskatchewan", "Ontario"},
	},
	"fashion": {
		Key: "fashion", OrgName: "Loom & Leaf", Domain: "loomandleaf.example",
		Summary: "A direct-to-consumer apparel brand whose purpose is environmental sustainability.",
		Departments: []Dept{
			{Name: "Design", Weight: 0.16, Head: "Creative Director", Senior: "Design Manager", Manager: "Design Team Lead", Member: []string{"Designer", "Pattern Maker", "Textile Specialist"}, Location: 0},
			{Name: "Sourcing", Weight: 0.14, Head: "VP Sourcing", Senior: "Sourcing Manager", Manager: "Supplier Team Lead", Member: []string{"Sourcing Specialist", "Compliance Auditor", "Materials Analyst"}, Location: 3},
			{Name: "E-commerce", Weight: 0.18, Head: "VP E-commerce", Senior: "Digital Manager", Manager: "E-commerce Team Lead", Member: []string{"Merchandiser", "Web Developer", "Content Producer"}, Location: 0},
			{Name: "Customer Care", Weight: 0.20, Head: "Head of Customer Care", Senior: "Care Operations Manager", Manager: "Care Team Lead", Member: []string{"Care Specialist", "Returns Specialist", "Repair Coordinator"}, Location: 1},
			{Name: "Logistics", Weight: 0.18, Head: "VP Logistics", Senior: "Fulfilment Manager", Manager: "Warehouse Team Lead", Member: []string{"Fulfilment Associate", "Inventory Planner", "Returns Handler"}, Location: 1},
			{Name: "Marketing", Weight: 0.14, Head: "Chief Marketing Officer", Senior: "Marketing Manager", Manager: "Marketing Team Lead", Member: []string{"Brand Marketer", "Community Manager", "Data Analyst"}, Location: 2},
		},
		Locations: []string{"Amsterdam", "Porto", "Los Angeles", "Dhaka"},
	},
	"maritime": {
		Key: "maritime", OrgName: "Northwind Shipping", Domain: "northwind.example",
		Summary: "A shipping company renewing its corporate purpose.",
		Departments: []Dept{
			{Name: "Fleet Operations", Weight: 0.26, Head: "VP Fleet Operations", Senior: "Fleet Manager", Manager: "Operations Superintendent", Member: []string{"Voyage Planner", "Operations Coordinator", "Port Captain"}, Location: 0},
			{Name: "Crewing", Weight: 0.16, Head: "Head of Crewing", Senior: "Crewing Manager", Manager: "Crewing Team Lead", Member: []string{"Crewing Officer", "Training Coordinator", "Travel Coordinator"}, Location: 1},
			{Name: "Technical", Weight: 0.20, Head: "Technical Director", Senior: "Technical Manager", Manager: "Technical Superintendent", Member: []string{"Marine Engineer", "Naval Architect", "Procurement Officer"}, Location: 2},
			{Name: "Chartering", Weight: 0.14, Head: "Chartering Director", Senior: "Chartering Manager", Manager: "Chartering Team Lead", Member: []string{"Charterer", "Post-fixture Analyst", "Market Analyst"}, Location: 0},
			{Name: "HSEQ", Weight: 0.12, Head: "HSEQ Director", Senior: "HSEQ Manager", Manager: "HSEQ Team Lead", Member: []string{"Safety Officer", "Environmental Analyst", "Quality Auditor"}, Location: 2},
			{Name: "Finance", Weight: 0.12, Head: "Chief Financial Officer", Senior: "Finance Manager", Manager: "Accounting Team Lead", Member: []string{"Accountant", "Treasury Analyst", "Controller"}, Location: 0},
		},
		Locations: []string{"Oslo", "Singapore", "Rotterdam", "Houston"},
	},
	"sportswear": {
		Key: "sportswear", OrgName: "Stride Athletic", Domain: "strideathletic.example",
		Summary: "A sports apparel company whose brand image drifted from its purpose.",
		Departments: []Dept{
			{Name: "Product", Weight: 0.18, Head: "VP Product", Senior: "Product Manager", Manager: "Product Team Lead", Member: []string{"Product Developer", "Footwear Engineer", "Materials Specialist"}, Location: 1},
			{Name: "Brand", Weight: 0.14, Head: "Chief Brand Officer", Senior: "Brand Manager", Manager: "Brand Team Lead", Member: []string{"Brand Strategist", "Copywriter", "Athlete Partnerships Coordinator"}, Location: 0},
			{Name: "Retail", Weight: 0.24, Head: "VP Retail", Senior: "Area Manager", Manager: "Store Manager", Member: []string{"Store Associate", "Visual Merchandiser", "Stock Associate"}, Location: 3},
			{Name: "Digital", Weight: 0.16, Head: "VP Digital", Senior: "Engineering Manager", Manager: "Digital Team Lead", Member: []string{"Software Engineer", "Product Designer", "Data Analyst"}, Location: 0},
			{Name: "Supply Chain", Weight: 0.18, Head: "VP Supply Chain", Senior: "Supply Manager", Manager: "Supply Team Lead", Member: []string{"Supply Planner", "Vendor Manager", "Logistics Analyst"}, Location: 2},
			{Name: "Community Sports", Weight: 0.10, Head: "Head of Community Sports", Senior: "Programs Manager", Manager: "Community Team Lead", Member: []string{"Program Coordinator", "Coach Liaison", "Partnership Officer"}, Location: 3},
		},
		Locations: []string{"Portland", "Herzogenaurach", "Shanghai", "Manchester"},
	},
	"edtech": {
		Key: "edtech", OrgName: "Brightpath Learning", Domain: "brightpath.example",
		Summary: "An online learning platform aligning operations with its educational purpose.",
		Departments: []Dept{
			{Name: "Content", Weight: 0.20, Head: "VP Content", Senior: "Content Manager", Manager: "Curriculum Team Lead", Member: []string{"Instructional Designer", "Subject Expert", "Editor"}, Location: 0},
			{Name: "Engineering", Weight: 0.24, Head: "VP Engineering", Senior: "Engineering Manager", Manager: "Engineering Team Lead", Member: []string{"Software Engineer", "QA Engineer", "Site Reliability Engineer"}, Location: 0},
			{Name: "Learner Success", Weight: 0.20, Head: "Head of Learner Success", Senior: "Success Manager", Manager: "Success Team Lead", Member: []string{"Learner Advisor", "Support Specialist", "Community Moderator"}, Location: 2},
			{Name: "Partnerships", Weight: 0.12, Head: "VP Partnerships", Senior: "Partnerships Manager", Manager: "Partnerships Team Lead", Member: []string{"Partner Manager", "Grants Coordinator"}, Location: 1},
			{Name: "Growth", Weight: 0.14, Head: "VP Growth", Senior: "Growth Manager", Manager: "Growth Team Lead", Member: []string{"Growth Marketer", "Lifecycle Specialist", "SEO Specialist"}, Location: 1},
			{Name: "Data", Weight: 0.10, Head: "Head of Data", Senior: "Data Manager", Manager: "Analytics Team Lead", Member: []string{"Data Scientist", "Analytics Engineer", "Learning Researcher"}, Location: 3},
		},
		Locations: []string{"Bangalore", "London", "Austin", "Remote"},
	},
	"agritech": {
		Key: "agritech", OrgName: "Harvest Signal", Domain: "harvestsignal.example",
		Summary: "A fast-growing agritech firm whose purpose is global food security.",
		Departments: []Dept{
			{Name: "Research", Weight: 0.16, Head: "Chief Scientist", Senior: "Research Manager", Manager: "Research Team Lead", Member: []string{"Crop Scientist", "Data Scientist", "Lab Technician"}, Location: 2},
			{Name: "Product", Weight: 0.18, Head: "VP Product", Senior: "Product Manager", Manager: "Product Team Lead", Member: []string{"Product Designer", "Software Engineer", "Hardware Engineer"}, Location: 1},
			{Name: "Field Deployment", Weight: 0.24, Head: "VP Field Deployment", Senior: "Regional Deployment Manager", Manager: "Field Team Lead", Member: []string{"Field Agent", "Installer", "Farmer Trainer"}, Location: 0},
			{Name: "Partnerships", Weight: 0.12, Head: "VP Partnerships", Senior: "Partnerships Manager", Manager: "Partnerships Team Lead", Member: []string{"Partner Manager", "Cooperative Liaison"}, Location: 0},
			{Name: "Operations", Weight: 0.20, Head: "Chief Operating Officer", Senior: "Operations Manager", Manager: "Operations Team Lead", Member: []string{"Operations Analyst", "Supply Coordinator", "Finance Analyst"}, Location: 3},
			{Name: "Policy", Weight: 0.10, Head: "Head of Policy", Senior: "Policy Manager", Manager: "Policy Team Lead", Member: []string{"Policy Analyst", "Impact Researcher"}, Location: 2},
		},
		Locations: []string{"Nairobi", "São Paulo", "Wageningen", "Pune"},
	},
}

// ScenarioNames lists the scenario keys in a fixed order.
var ScenarioNames = []string{"agriculture", "fashion", "maritime", "sportswear", "edtech", "agritech"}

// DefaultScenario is the scenario of `serve --demo`.
const DefaultScenario = "agriculture"

var firstNames = []string{
	"Amara", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kavya", "Liam", "Mei", "Nikolai",
	"Olivia", "Pedro", "Quinn", "Rosa", "Sanjay", "Tamsin", "Uchenna", "Valeria", "Wen", "Xavier", "Yara", "Zoltan",
	"Aisha", "Bruno", "Camila", "Daniel", "Esther", "Finn", "Gabriela", "Hamza", "Ingrid", "Joon", "Kofi", "Leila",
	"Mateo", "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tomás", "Ulla", "Vikram", "Wanjiru", "Yusuf", "Zanele",
	"Anders", "Beatriz", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Isaac", "Jana", "Kenji", "Lucía",
	"Marcus", "Nia", "Oskar", "Paula", "Rohan", "Sara", "Theo", "Uma", "Vera", "William", "Ximena", "Yosef",
}

var lastNames = []string{
	"Okafor", "Lindqvist", "Moreau", "Patel", "Rossi", "Haddad", "Kim", "Tanaka", "García", "Johnson", "Reddy", "Murphy",
	"Zhang", "Ivanov", "Brown", "Silva", "O'Neill", "Fernández", "Kapoor", "Whitfield", "Eze", "Castillo", "Liu",
	"Dubois", "Haddadi", "Novak", "Mensah", "Schmidt", "Alves", "Nakamura", "Kowalski", "Andersen", "Mwangi", "Santos",
	"Cohen", "Nguyen", "Osei", "Svensson", "Morales", "Bianchi", "Shah", "Wright", "Kariuki", "Jansen", "Ahmed",
	"Petrov", "Costa", "Yamamoto", "Larsen", "Mbeki", "Romero", "Walsh", "Iyer", "Berg", "Achebe", "Park", "Vogel",
	"Torres", "Hughes", "Nilsen", "Adeyemi", "Chowdhury", "Fischer", "Ramos", "Sato", "Kaur", "Popescu", "Diallo",
}
