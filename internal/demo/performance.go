package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// metricSpec is a demo metric: its catalogue entry, and how its values behave.
type metricSpec struct {
	key, name   string
	perspective model.Perspective
	unit        string
	dir         model.Direction
	target      float64
	floor       float64
	weight      float64
	combine     model.Combine
	freq        model.Frequency
	dept        string // scope: the middle managers of this department ("" for all)
	byDept      bool   // recorded for departments, not teams
	season      float64
	integer     bool
	why, desc   string
}

// commonMetrics are measured in every scenario: engagement and eNPS (from pulse surveys,
// under the stable keys the survey module writes to), ideas, collaboration and ethics.
var commonMetrics = []metricSpec{
	{key: "employee_engagement", name: "Employee engagement", perspective: model.PerspectivePeople, unit: "%", dir: model.HigherIsBetter,
		target: 80, floor: 55, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
		why:  "Engaged teams stay, learn and look after customers. It is the clearest sign that people find meaning in the work, and it moves before the financial results do.",
		desc: "Share of favourable answers to the engagement questions of the quarterly pulse survey."},
	{key: "enps", name: "Employee Net Promoter Score", perspective: model.PerspectivePeople, dir: model.HigherIsBetter,
		target: 30, floor: -10, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
		why:  "Whether people would recommend working here tells us if the team is a place others want to join, which is what a purpose-led team feels like from inside.",
		desc: "Promoters minus detractors, from −100 to 100, in the quarterly pulse."},
	{key: "ideas_implemented", name: "Ideas implemented", perspective: model.PerspectiveInnovation, dir: model.HigherIsBetter,
		target: 6, floor: 0, weight: 2, combine: model.CombineSum, freq: model.Monthly, integer: true,
		why:  "Ideas that reach daily work show that people closest to the problem are heard. Counting what was implemented, not what was suggested, keeps us honest.",
		desc: "Ideas from the team adopted and put into practice, from the ideas hub."},
	{key: "cross_department_projects", name: "Cross-department projects", perspective: model.PerspectiveInnovation, dir: model.HigherIsBetter,
		target: 3, floor: 0, weight: 1, combine: model.CombineLast, freq: model.Quarterly, integer: true,
		why:  "Our hardest problems sit between departments. Teams that work across boundaries spread good practice and break silos.",
		desc: "Initiatives, hackathon teams and service projects run with at least one other department."},
	{key: "ethics_cases_resolved", name: "Ethics concerns resolved within 30 days", perspective: model.PerspectiveEthics, unit: "%", dir: model.HigherIsBetter,
		target: 95, floor: 60, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
		why:  "People speak up only when concerns are taken seriously and closed quickly. Slow answers teach silence.",
		desc: "Share of concerns raised in the quarter that were investigated and answered within 30 days."},
	{key: "ethics_training_completion", name: "Ethics training completed", perspective: model.PerspectiveEthics, unit: "%", dir: model.HigherIsBetter,
		target: 100, floor: 70, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
		why:  "Everyone should know how to recognise a dilemma and where to raise it. It is the floor, not the ceiling, of integrity.",
		desc: "Share of the team who completed this year's ethical decision-making module."},
}

// scenarioMetrics are the industry metrics of each scenario.
var scenarioMetrics = map[string][]metricSpec{
	"agriculture": {
		{key: "gross_margin", name: "Gross margin", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 24, floor: 14, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.25,
			why: "Margin pays for the transition to sustainable farming. Healthy margins let us invest in soil and water without cutting corners elsewhere."},
		{key: "revenue_growth", name: "Revenue growth", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 8, floor: 0, weight: 1, combine: model.CombineLast, freq: model.Quarterly, byDept: true,
			why: "Growth shows that buyers value what we grow and how we grow it. Measured per department against the same quarter a year earlier."},
		{key: "on_time_delivery", name: "On-time delivery", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 97, floor: 85, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.2,
			why: "Our buyers plan their mills and kitchens around our trucks. Being on time is how they learn they can rely on us."},
		{key: "order_accuracy", name: "Order accuracy", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 99.5, floor: 92, weight: 1, combine: model.CombineAvg, freq: model.Monthly,
			why: "The right grade in the right quantity, first time, saves our customers waste and rework."},
		{key: "water_use_per_tonne", name: "Water use per tonne", perspective: model.PerspectiveImpact, unit: "m³/t", dir: model.LowerIsBetter, target: 5, floor: 9, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.35,
			why: "Aquifers in the plains are falling. Every cubic metre we save per tonne keeps farming possible for the next generation."},
		{key: "soil_organic_matter", name: "Soil organic matter", perspective: model.PerspectiveImpact, unit: "%", dir: model.HigherIsBetter, target: 3.5, floor: 2.5, weight: 2, combine: model.CombineLast, freq: model.Quarterly, dept: "Field Operations",
			why: "Soil carbon is the heart of regenerative farming: it holds water, feeds crops and stores carbon. It moves slowly, so steady gains matter."},
		{key: "fertilizer_n_per_hectare", name: "Fertilizer nitrogen per hectare", perspective: model.PerspectiveImpact, unit: "kg/ha", dir: model.LowerIsBetter, target: 120, floor: 180, weight: 1, combine: model.CombineLast, freq: model.Quarterly, season: 0.2,
			why: "Excess nitrogen runs off into rivers and adds to emissions. Precision application keeps yields while protecting water downstream."},
		{key: "safety_incidents", name: "Safety incidents", perspective: model.PerspectivePeople, dir: model.LowerIsBetter, target: 0, floor: 6, weight: 1, combine: model.CombineSum, freq: model.Monthly, integer: true, season: 0.3,
			why: "Farm work is dangerous, and no harvest is worth an injury. Every incident is reviewed, and the count tells us whether our care is real."},
	},
	"fashion": {
		{key: "gross_margin", name: "Gross margin", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 58, floor: 45, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.2,
			why: "Margin funds better materials and fair supplier prices. Without it, sustainability stays a slogan."},
		{key: "revenue_growth", name: "Revenue growth", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 15, floor: 0, weight: 1, combine: model.CombineLast, freq: model.Quarterly, byDept: true,
			why: "Growth proves that sustainable clothing can win customers on its own merits."},
		{key: "customer_nps", name: "Customer NPS", perspective: model.PerspectiveCustomer, dir: model.HigherIsBetter, target: 60, floor: 20, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
			why: "Customers who recommend us are the reason we can make fewer, better garments and still grow."},
		{key: "return_rate", name: "Return rate", perspective: model.PerspectiveCustomer, unit: "%", dir: model.LowerIsBetter, target: 15, floor: 30, weight: 1, combine: model.CombineAvg, freq: model.Monthly, season: 0.3,
			why: "Every return is two trips and often a garment that cannot be resold. Fit and honest product pages cut waste at the source."},
		{key: "repeat_purchase_rate", name: "Repeat purchase rate", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 40, floor: 25, weight: 1, combine: model.CombineAvg, freq: model.Monthly,
			why: "Customers who come back trust our quality; that is how durable clothing pays off."},
		{key: "certified_materials_share", name: "Certified or recycled materials", perspective: model.PerspectiveImpact, unit: "%", dir: model.HigherIsBetter, target: 80, floor: 40, weight: 2, combine: model.CombineLast, freq: model.Quarterly, dept: "Sourcing",
			why: "Materials are most of a garment's footprint. The share we can certify is the honest measure of our purpose."},
		{key: "co2e_per_garment", name: "CO₂e per garment", perspective: model.PerspectiveImpact, unit: "kg", dir: model.LowerIsBetter, target: 9, floor: 15, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
			why: "Emissions per garment, from fibre to doorstep, is the number our purpose is ultimately judged by."},
		{key: "supplier_audits_passed", name: "Supplier audits passed", perspective: model.PerspectiveEthics, unit: "%", dir: model.HigherIsBetter, target: 98, floor: 80, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
			why: "The people who make our clothes deserve safe, fairly paid work. Audits are how we check, not how we hope."},
	},
	"maritime": {
		{key: "charter_revenue_vs_plan", name: "Charter revenue against plan", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 105, floor: 85, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.25,
			why: "Revenue keeps ships crewed and maintained. Measured against plan so markets we cannot control do not hide what we can."},
		{key: "revenue_growth", name: "Revenue growth", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 6, floor: -2, weight: 1, combine: model.CombineLast, freq: model.Quarterly, byDept: true,
			why: "Growth over the same quarter last year, per department."},
		{key: "on_time_arrival", name: "On-time arrival", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 95, floor: 80, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.3,
			why: "Ports, cargo owners and crews plan around our arrival. Reliability is the service we sell."},
		{key: "fuel_per_nm", name: "Fuel per nautical mile", perspective: model.PerspectiveImpact, unit: "t/nm", dir: model.LowerIsBetter, target: 0.15, floor: 0.20, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.3,
			why: "Fuel is our largest cost and our largest emission. Slow steaming, clean hulls and good routing cut both."},
		{key: "cii_intensity", name: "Carbon intensity (CII)", perspective: model.PerspectiveImpact, unit: "g CO₂/t·nm", dir: model.LowerIsBetter, target: 6, floor: 9, weight: 2, combine: model.CombineLast, freq: model.Quarterly, dept: "Fleet Operations",
			why: "The regulator's carbon intensity rating decides which ships may trade. We aim well ahead of it, because the ocean does not wait for the rule."},
		{key: "lost_time_injury_frequency", name: "Lost-time injury frequency", perspective: model.PerspectivePeople, unit: "per M h", dir: model.LowerIsBetter, target: 0.5, floor: 2.0, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
			why: "Every seafarer should come home unharmed. Injuries per million hours worked is the plainest test of that promise."},
		{key: "crew_retention", name: "Crew retention", perspective: model.PerspectivePeople, unit: "%", dir: model.HigherIsBetter, target: 96, floor: 85, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
			why: "Crews who return know the ship and each other. Retention reflects how we treat people far from home."},
		{key: "port_state_detentions", name: "Port-state detentions", perspective: model.PerspectiveEthics, dir: model.LowerIsBetter, target: 0, floor: 3, weight: 1, combine: model.CombineLast, freq: model.Quarterly, integer: true,
			why: "A detention means we fell short of the safety and environmental rules we claim to live by."},
	},
	"sportswear": {
		{key: "sell_through", name: "Sell-through", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 80, floor: 60, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.3,
			why: "Selling what we make, at full price, means less discounting and less stock that ends up burned or dumped."},
		{key: "revenue_growth", name: "Revenue growth", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 10, floor: 0, weight: 1, combine: model.CombineLast, freq: model.Quarterly, byDept: true,
			why: "Growth per department over the same quarter last year."},
		{key: "quality_returns", name: "Returns for quality", perspective: model.PerspectiveCustomer, unit: "%", dir: model.LowerIsBetter, target: 2, floor: 6, weight: 1, combine: model.CombineAvg, freq: model.Monthly,
			why: "Athletes trust kit that lasts. Quality returns are the most direct signal that we broke that trust."},
		{key: "brand_purpose_perception", name: "Brand purpose perception", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 65, floor: 40, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
			why: "Our brand drifted from why we exist: getting more people moving. This survey tells us whether customers see the purpose again."},
		{key: "inclusive_sizing_coverage", name: "Inclusive sizing coverage", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 90, floor: 60, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
			why: "Sport is for every body. The share of our range offered in extended sizes shows whether we mean it."},
		{key: "community_programs_run", name: "Community sports programs run", perspective: model.PerspectiveImpact, dir: model.HigherIsBetter, target: 10, floor: 2, weight: 2, combine: model.CombineLast, freq: model.Quarterly, integer: true, dept: "Community Sports",
			why: "Programs in neighbourhoods with few places to play are our purpose in its most direct form."},
		{key: "recycled_polyester_share", name: "Recycled polyester share", perspective: model.PerspectiveImpact, unit: "%", dir: model.HigherIsBetter, target: 50, floor: 20, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
			why: "Polyester is most of what we use. Moving to recycled fibre is the biggest footprint cut within our reach."},
	},
	"edtech": {
		{key: "subscription_revenue_vs_plan", name: "Subscription revenue against plan", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 105, floor: 85, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.2,
			why: "Paying subscribers fund the free courses. Revenue against plan shows whether the model holds."},
		{key: "churn", name: "Monthly churn", perspective: model.PerspectiveFinancial, unit: "%", dir: model.LowerIsBetter, target: 3, floor: 8, weight: 1, combine: model.CombineAvg, freq: model.Monthly, season: 0.25,
			why: "Learners who leave early rarely finish. Churn is both lost revenue and unfinished learning."},
		{key: "course_completion", name: "Course completion", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 55, floor: 30, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.2,
			why: "Learning happens when courses are finished. Completion is the outcome our purpose is about."},
		{key: "learner_satisfaction", name: "Learner satisfaction (CSAT)", perspective: model.PerspectiveCustomer, unit: "/5", dir: model.HigherIsBetter, target: 4.6, floor: 3.8, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
			why: "Satisfied learners come back and bring friends. It is the learner's own verdict on our work."},
		{key: "underserved_learners_share", name: "Learners from underserved regions", perspective: model.PerspectiveImpact, unit: "%", dir: model.HigherIsBetter, target: 35, floor: 15, weight: 2, combine: model.CombineLast, freq: model.Quarterly,
			why: "Education changes most where it is hardest to reach. This share shows whether we reach beyond the already well served."},
		{key: "accessibility_conformance", name: "Accessibility conformance", perspective: model.PerspectiveImpact, unit: "%", dir: model.HigherIsBetter, target: 100, floor: 70, weight: 1, combine: model.CombineLast, freq: model.Quarterly, dept: "Content",
			why: "A course a learner cannot use is not available to them. Conformance with WCAG is how we keep our doors open."},
	},
	"agritech": {
		{key: "cost_per_device_deployed", name: "Cost per device deployed", perspective: model.PerspectiveFinancial, unit: "USD", dir: model.LowerIsBetter, target: 180, floor: 260, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.2,
			why: "Cheaper deployment lets us reach farmers who could never pay full price. Efficiency is how we scale our purpose."},
		{key: "arr_growth", name: "Annual recurring revenue growth", perspective: model.PerspectiveFinancial, unit: "%", dir: model.HigherIsBetter, target: 20, floor: 5, weight: 1, combine: model.CombineLast, freq: model.Quarterly, byDept: true,
			why: "Recurring revenue funds the field teams. Growth per department over the same quarter last year."},
		{key: "device_uptime", name: "Device uptime in the field", perspective: model.PerspectiveCustomer, unit: "%", dir: model.HigherIsBetter, target: 99, floor: 92, weight: 2, combine: model.CombineAvg, freq: model.Monthly, season: 0.3,
			why: "A sensor that is down during a dry spell fails the farmer when it matters most."},
		{key: "partner_satisfaction", name: "Partner satisfaction", perspective: model.PerspectiveCustomer, unit: "/10", dir: model.HigherIsBetter, target: 9, floor: 6, weight: 1, combine: model.CombineLast, freq: model.Quarterly,
			why: "Cooperatives and NGOs carry our tools to farmers. Their satisfaction decides how far we travel."},
		{key: "smallholders_reached", name: "Smallholder farmers reached", perspective: model.PerspectiveImpact, dir: model.HigherIsBetter, target: 900, floor: 200, weight: 2, combine: model.CombineSum, freq: model.Monthly, integer: true, season: 0.3,
			why: "Food security is built one farm at a time. Farmers newly reached is the most direct count of our purpose."},
		{key: "post_harvest_loss", name: "Post-harvest loss", perspective: model.PerspectiveImpact, unit: "%", dir: model.LowerIsBetter, target: 15, floor: 30, weight: 2, combine: model.CombineLast, freq: model.Quarterly, dept: "Field Deployment",
			why: "Food lost after harvest is income and nutrition lost. Cold-chain and storage advice should bring it down."},
	},
}

// perfPerson is a middle manager of the demo with the traits behind their results.
type perfPerson struct {
	model.Person
	fin, cus, pur, inn float64 // latent strength per kind of perspective, around 0
	reports            []model.Person
}

// generatePerformance fills the performance module: the catalogue, eight quarters of
// values, a closed and an open review cycle, six weeks of check-ins and some feedback.
// History goes through core as the people who would have written it.
func generatePerformance(ctx context.Context, c *core.Core, g *gen, res *Result) error {
	rng := rand.New(rand.NewPCG(g.rng.Uint64(), 0x706572666f726d)) // deterministic for the demo's seed
	now := g.now.UTC()
	managers, err := perfManagers(ctx, c)
	if err != nil || len(managers) == 0 {
		return err
	}
	// Traits: most managers balanced, about one in six strong on money and weak on
	// purpose, one department lagging on purpose, and the demo's first manager one of
	// those the balance warning is for.
	depts := map[string]bool{}
	for _, m := range managers {
		depts[m.DepartmentName] = true
	}
	lagging := g.laggingDepartment()
	for i := range managers {
		m := &managers[i]
		m.fin, m.cus, m.pur, m.inn = rng.NormFloat64()*0.6, rng.NormFloat64()*0.6, rng.NormFloat64()*0.6, rng.NormFloat64()*0.6
		if m.DepartmentName == lagging {
			m.pur -= 0.7
		}
		if rng.Float64() < 0.17 || m.ID == res.Manager.PersonID {
			m.fin, m.pur = 1.3+rng.Float64()*0.4, -1.7-rng.Float64()*0.5
		}
		if m.ID == res.Manager2.PersonID {
			m.fin, m.cus, m.pur, m.inn = 0.6, 0.8, 0.9, 0.5
		}
	}
	var metrics []model.Metric
	err = at(c, now.AddDate(0, -27, 0), func() (err error) {
		metrics, err = perfCatalogue(ctx, c, g, res)
		return err
	})
	if err != nil {
		return err
	}
	if err := perfValues(ctx, c, rng, now, g.sc.Key, managers, metrics, g.sc.Departments, model.QuarterOfTime(firstPulse(now))); err != nil {
		return err
	}
	if err := perfReviews(ctx, c, rng, now, res); err != nil {
		return err
	}
	detailed := managers[:min(len(managers), perfDetailed)]
	if err := perfCheckins(ctx, c, rng, now, detailed, metrics, res); err != nil {
		return err
	}
	return perfFeedback(ctx, c, rng, detailed, res)
}

// at runs fn with the database clock set to t, so that history carries the dates it
// would have had (values recorded after their month, reviews signed weeks ago), then
// gives the clock back. The demo runs before the server serves, so nothing else reads
// the clock meanwhile.
func at(c *core.Core, t time.Time, fn func() error) error {
	c.DB().SetNow(func() time.Time { return t })
	defer c.DB().SetNow(time.Now)
	return fn()
}

// perfManagers loads the middle managers and their direct reports.
// perfDetailed is how many middle managers get check-in and feedback histories (and
// so have their reports loaded); every middle manager gets eight quarters of metric
// values.
const perfDetailed = 2000

// perfManagers lists every middle manager, the first perfDetailed with their reports.
func perfManagers(ctx context.Context, c *core.Core) ([]perfPerson, error) {
	var out []perfPerson
	for off := 0; ; off += model.MaxLimit {
		l, err := c.MiddleManagers(ctx, model.System, model.Page{Limit: model.MaxLimit, Offset: off})
		if err != nil {
			return nil, err
		}
		for _, p := range l.Items {
			out = append(out, perfPerson{Person: p})
		}
		if !l.HasNext() {
			break
		}
	}
	idx := map[int64]int{}
	ids := make([]int64, min(len(out), perfDetailed))
	for i, m := range out[:len(ids)] {
		idx[m.ID], ids[i] = i, m.ID
	}
	for start := 0; start < len(ids); start += 50 {
		part := ids[start:min(start+50, len(ids))]
		for off := 0; ; off += model.MaxLimit {
			l, err := c.Directory(ctx, model.System, model.PersonFilter{ManagerIDs: part, Page: model.Page{Limit: model.MaxLimit, Offset: off}})
			if err != nil {
				return nil, err
			}
			for _, p := range l.Items {
				m := &out[idx[p.ManagerID]]
				m.reports = append(m.reports, p)
			}
			if !l.HasNext() {
				break
			}
		}
	}
	return out, nil
}

// perfCatalogue creates the scenario's metrics, owned by the people who would own them
// and linked to the organization's objectives when it has some.
func perfCatalogue(ctx context.Context, c *core.Core, g *gen, res *Result) ([]model.Metric, error) {
	specs := append(append([]metricSpec{}, scenarioMetrics[g.sc.Key]...), commonMetrics...)
	objectives, err := c.Objectives(ctx, model.System)
	if err != nil {
		return nil, err
	}
	depts, err := c.Departments(ctx, model.System)
	if err != nil {
		return nil, err
	}
	deptID := map[string]int64{}
	for _, d := range depts {
		deptID[d.Name] = d.ID
	}
	var out []model.Metric
	for i, s := range specs {
		in := model.MetricInput{Key: s.key, Name: s.name, Perspective: s.perspective, Unit: s.unit, Direction: s.dir, Target: s.target,
			Floor: s.floor, Weight: s.weight, Combine: s.combine, Frequency: s.freq, Why: s.why, Description: s.desc, Status: model.MetricPublished,
			Scope: model.ScopeAll, Position: i}
		if s.dept != "" && deptID[s.dept] != 0 {
			in.Scope, in.ScopeDepartmentID = model.ScopeDepartment, deptID[s.dept]
		}
		switch s.perspective {
		case model.PerspectivePeople, model.PerspectiveEthics:
			in.OwnerEmail = res.HR.Login
		default:
			in.OwnerEmail = res.Executive.Login
		}
		if len(objectives) > 0 {
			in.ObjectiveID = objectives[i%len(objectives)].ID
		}
		m, err := c.CreateMetric(ctx, model.System, in)
		if err != nil {
			return nil, fmt.Errorf("demo: metric %s: %w", s.key, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// count draws a whole count around a mean: Poisson for small means, its normal
// approximation for large ones.
func count(rng *rand.Rand, mean float64) float64 {
	if mean > 30 {
		return math.Max(0, math.Round(mean+math.Sqrt(mean)*rng.NormFloat64()))
	}
	l, k, p := math.Exp(-mean), 0.0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// specOf returns the scenario's spec of a metric, or the common one. Two scenarios may
// both have a metric of the same key with different seasons and weights.
func specOf(scenario, key string) metricSpec {
	for _, s := range scenarioMetrics[scenario] {
		if s.key == key {
			return s
		}
	}
	for _, s := range commonMetrics {
		if s.key == key {
			return s
		}
	}
	return metricSpec{}
}

// perfValues records eight quarters of values and the months of the quarter in
// progress: attainment driven by each manager's traits, a slow improvement of purpose
// results, seasonality and noise; then converted into each metric's own units.
//
// Engagement and eNPS come from the pulse surveys from the quarter of the first pulse
// (pulsesFrom) on; before it, from the HR export the organization brought along.
func perfValues(ctx context.Context, c *core.Core, rng *rand.Rand, now time.Time, scenario string, managers []perfPerson, metrics []model.Metric, depts []Dept, pulsesFrom string) error {
	cur := model.QuarterOfTime(now)
	first := model.AddQuarters(cur, -8)
	curMonth := now.Format("2006-01")
	var rows []model.ObservationInput
	add := func(m model.Metric, typ model.SubjectType, ref, period string, v float64, spec metricSpec) {
		if spec.integer {
			v = count(rng, math.Max(0, v))
		}
		if m.Unit == "%" && !strings.Contains(m.Key, "growth") && !strings.Contains(m.Key, "vs_plan") {
			v = math.Max(0, math.Min(100, v))
		}
		v = math.Round(v*1000) / 1000
		rows = append(rows, model.ObservationInput{MetricID: m.ID, SubjectType: typ, SubjectRef: ref, Period: period, Value: v})
	}
	traitOf := func(m perfPerson, p model.Perspective) float64 {
		switch p {
		case model.PerspectiveFinancial:
			return m.fin
		case model.PerspectiveCustomer:
			return m.cus
		case model.PerspectiveInnovation:
			return m.inn
		}
		return m.pur
	}
	// attainment → a value in the metric's units.
	valueAt := func(m model.Metric, a float64) float64 { return m.Floor + a*(m.Target-m.Floor) }
	for _, m := range metrics {
		spec := specOf(scenario, m.Key)
		for qi := 0; qi <= 8; qi++ {
			q := model.AddQuarters(first, qi)
			if (m.Key == core.EngagementMetric || m.Key == core.ENPSMetric) && q >= pulsesFrom {
				continue
			}
			trend := float64(qi) * 0.012
			if m.Perspective == model.PerspectiveFinancial {
				trend = float64(qi) * 0.004
			}
			subjects := []struct {
				typ   model.SubjectType
				ref   string
				trait float64
			}{}
			if spec.byDept {
				for _, d := range depts {
					subjects = append(subjects, struct {
						typ   model.SubjectType
						ref   string
						trait float64
					}{model.SubjectDepartment, d.Name, rng.NormFloat64() * 0.4})
				}
			} else {
				for _, mg := range managers {
					if m.Scope == model.ScopeDepartment && mg.DepartmentID != m.ScopeDepartmentID {
						continue
					}
					emp := ""
					if mg.EmployeeID != "" {
						emp = mg.EmployeeID
					}
					subjects = append(subjects, struct {
						typ   model.SubjectType
						ref   string
						trait float64
					}{model.SubjectTeam, emp, traitOf(mg, m.Perspective)})
				}
			}
			for _, s := range subjects {
				a := 0.74 + 0.16*s.trait + trend + rng.NormFloat64()*0.07
				if m.Frequency == model.Quarterly {
					if q == cur {
						continue // quarterly values arrive after the quarter ends
					}
					season := spec.season * math.Sin(2*math.Pi*float64(q[6]-'1')/4)
					add(m, s.typ, s.ref, q, valueAt(m, a+season*0.3), spec)
					continue
				}
				for _, month := range model.MonthsOf(q) {
					if month >= curMonth {
						break // the current month is not reported yet
					}
					mo := int(month[5]-'0')*10 + int(month[6]-'0')
					season := spec.season * math.Sin(2*math.Pi*float64(mo-4)/12)
					am := a + season*0.35 + rng.NormFloat64()*0.05
					v := valueAt(m, am)
					if m.Combine == model.CombineSum {
						v = valueAt(m, am) / 3
						if m.Direction == model.LowerIsBetter {
							v = math.Max(0, valueAt(m, am)/3)
						}
					}
					add(m, s.typ, s.ref, month, v, spec)
				}
			}
		}
	}
	// Each quarter's values are recorded about a week after it ends (the quarter in
	// progress: today), as a finance or HR export would be.
	byQuarter := map[string][]model.ObservationInput{}
	for _, r := range rows {
		q := model.QuarterOf(r.Period)
		byQuarter[q] = append(byQuarter[q], r)
	}
	for qi := 0; qi <= 8; qi++ {
		q := model.AddQuarters(first, qi)
		when := now
		if q != cur {
			end, _ := time.Parse("2006-01-02", model.QuarterEnd(q))
			when = end.AddDate(0, 0, 8).Add(9 * time.Hour)
		}
		if len(byQuarter[q]) == 0 {
			continue
		}
		err := at(c, when, func() error {
			_, err := c.RecordObservations(ctx, model.System, byQuarter[q], model.SourceCSV, core.ObservationOptions{Filename: "demo-" + q + ".csv"})
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// perfReviews runs a closed cycle for the quarter before last (signed off and frozen)
// and opens one for the last quarter, with reviews at every step.
func perfReviews(ctx context.Context, c *core.Core, rng *rand.Rand, now time.Time, res *Result) error {
	last := model.AddQuarters(model.QuarterOfTime(now), -1)
	prev := model.AddQuarters(last, -1)
	day := func(d int) string { return now.AddDate(0, 0, d).Format("2006-01-02") }
	// clock gives the instant of a stage of a cycle: 0 written, 1 self review submitted,
	// 2 manager review submitted, 3 signed.
	var clock func(stage int) time.Time
	var openID int64
	stepAt := func(stage int) int64 {
		t := clock(stage).Add(time.Duration(rng.IntN(72)) * time.Hour)
		if t.After(now) {
			t = now.Add(-time.Duration(rng.IntN(60)) * time.Minute)
		}
		return t.Unix()
	}
	// run writes the reviews of a cycle, every one to the state target gives it (some
	// not started), in one core call. The texts follow each manager's scorecard of the
	// cycle's quarter, read for every manager at once.
	run := func(cycleID int64, period string, target func(i int) model.ReviewState) error {
		d, err := c.ReviewCycle(ctx, model.System, cycleID)
		if err != nil {
			return err
		}
		list, err := c.Scorecards(ctx, model.System, core.ScorecardFilter{Period: period})
		if err != nil {
			return err
		}
		cards := make(map[int64]model.Scorecard, len(list.Cards))
		for _, card := range list.Cards {
			cards[card.Person.ID] = card
		}
		var seeds []core.ReviewSeed
		for i, r := range d.Reviews {
			want := target(i)
			if r.PersonID == res.Manager.PersonID && r.CycleID == openID {
				continue // the demo's first manager has their self review to write
			}
			if want == model.ReviewSelf && rng.Float64() < 0.5 {
				continue // not started yet
			}
			if r.ReviewerID == res.Manager.PersonID && want == model.ReviewSelf {
				want = model.ReviewManager // and one of their reports' reviews waiting for them
			}
			card := cards[r.PersonID]
			s := core.ReviewSeed{ReviewID: r.ID, SelfText: selfReview(rng, card)}
			if want != model.ReviewSelf && r.ReviewerID != 0 {
				s.Steps = append(s.Steps, core.ReviewStepSeed{Step: model.StepSubmitSelf, Party: model.PartyPerson, At: stepAt(1)})
				s.ManagerText = managerReview(rng, card)
				if want != model.ReviewManager {
					s.Steps = append(s.Steps, core.ReviewStepSeed{Step: model.StepSubmitManager, Party: model.PartyReviewer, At: stepAt(2)})
					for _, a := range agreedActions(rng, card) {
						a.DueOn = day(30 + rng.IntN(60))
						s.Actions = append(s.Actions, a)
					}
					if want != model.ReviewDiscussion {
						signed := stepAt(3)
						s.Steps = append(s.Steps, core.ReviewStepSeed{Step: model.StepSign, Party: model.PartyPerson, At: signed},
							core.ReviewStepSeed{Step: model.StepSign, Party: model.PartyReviewer, At: signed})
					}
				}
			}
			seeds = append(seeds, s)
		}
		return c.SeedReviews(ctx, model.System, cycleID, seeds)
	}
	// The closed cycle ran over the weeks after the quarter before last ended.
	prevEnd, _ := time.Parse("2006-01-02", model.QuarterEnd(prev))
	start := prevEnd.AddDate(0, 0, 10).Add(9 * time.Hour)
	clock = func(stage int) time.Time { return start.AddDate(0, 0, []int{0, 10, 21, 32}[stage]) }
	var closed model.ReviewCycle
	err := at(c, start, func() (err error) {
		closed, err = c.CreateReviewCycle(ctx, model.System, model.ReviewCycleInput{Name: model.QuarterLabel(prev) + " reviews", Period: prev,
			SelfDue: start.AddDate(0, 0, 14).Format("2006-01-02"), ManagerDue: start.AddDate(0, 0, 24).Format("2006-01-02"),
			SignoffDue: start.AddDate(0, 0, 38).Format("2006-01-02")})
		if err == nil {
			err = c.OpenReviewCycle(ctx, model.System, closed.ID)
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := run(closed.ID, prev, func(int) model.ReviewState { return model.ReviewSignedOff }); err != nil {
		return err
	}
	if err := at(c, start.AddDate(0, 0, 42), func() error { return c.CloseReviewCycle(ctx, model.System, closed.ID) }); err != nil {
		return err
	}
	// The open cycle started ten days ago.
	opened := now.AddDate(0, 0, -10)
	clock = func(stage int) time.Time { return opened.AddDate(0, 0, []int{0, 2, 5, 7}[stage]) }
	var open model.ReviewCycle
	err = at(c, opened, func() (err error) {
		open, err = c.CreateReviewCycle(ctx, model.System, model.ReviewCycleInput{Name: model.QuarterLabel(last) + " reviews", Period: last,
			SelfDue: day(6), ManagerDue: day(16), SignoffDue: day(30)})
		if err == nil {
			err = c.OpenReviewCycle(ctx, model.System, open.ID)
		}
		return err
	})
	openID = open.ID
	if err != nil {
		return err
	}
	steps := []model.ReviewState{model.ReviewSelf, model.ReviewSelf, model.ReviewManager, model.ReviewManager, model.ReviewDiscussion, model.ReviewSelf, model.ReviewSignedOff}
	return run(open.ID, last, func(i int) model.ReviewState { return steps[i%len(steps)] })
}

// strongest and weakest return the perspectives with data at either end.
func extremes(card model.Scorecard) (best, worst model.PerspectiveScore, ok bool) {
	var ps []model.PerspectiveScore
	for _, p := range card.Perspectives {
		if p.HasData {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return best, worst, false
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Score > ps[j].Score })
	return ps[0], ps[len(ps)-1], true
}

func pick(rng *rand.Rand, s ...string) string { return s[rng.IntN(len(s))] }

func selfReview(rng *rand.Rand, card model.Scorecard) string {
	best, worst, ok := extremes(card)
	if !ok {
		return "A quarter of settling in. The team is new to the scorecard, and I want us to record our results from next quarter."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Our composite for %s was %s. ", model.QuarterLabel(card.Period), model.Percent(card.Composite))
	fmt.Fprintf(&b, "%s was our strongest area at %s: %s\n\n", best.Perspective.Label(), model.Percent(best.Score),
		pick(rng, "the team owned it, and I mostly kept obstacles out of their way.", "we kept a steady weekly rhythm and it showed.", "credit goes to two people who took on more than their share."))
	fmt.Fprintf(&b, "%s is where I fell short (%s). %s\n\n", worst.Perspective.Label(), model.Percent(worst.Score),
		pick(rng, "I let the pressure of the numbers crowd it out, and I want to change that.", "We talked about it, but I did not make time for it in our planning.", "Part of it is data we do not collect well yet; part of it is on me."))
	if card.Warning != nil {
		b.WriteString("I see the balance warning. Hitting the financial targets felt like the job this quarter, and our people and purpose results paid for it. That is not the kind of manager I want to be.\n\n")
	}
	b.WriteString(pick(rng, "Next quarter I want to protect time for one-to-ones and bring the team's ideas into our planning.",
		"Next quarter I will start each team meeting with one purpose story from our own work.",
		"Next quarter I want to pair up with another department on at least one project."))
	return b.String()
}

func managerReview(rng *rand.Rand, card model.Scorecard) string {
	best, worst, ok := extremes(card)
	if !ok {
		return "Too little data to judge the quarter fairly; we agreed on what to measure next."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s. %s at %s is a real strength, and the team knows it. ", pick(rng, "A solid quarter", "A quarter with clear highs and lows", "Good progress overall"),
		best.Perspective.Label(), model.Percent(best.Score))
	fmt.Fprintf(&b, "%s at %s needs attention: %s\n\n", worst.Perspective.Label(), model.Percent(worst.Score),
		pick(rng, "I would like to see a concrete plan before our next check-in.", "let us look at what the team needs from both of us.", "I will support with time and budget where it helps."))
	if card.Warning != nil {
		b.WriteString("The balance warning matters to me. Strong financials built on a tired team do not last; I will judge next quarter on both.\n\n")
	}
	b.WriteString(pick(rng, "I appreciate how openly you talked about what did not work.", "Your self review was honest and specific, thank you.", "Let us keep the conversation going in our one-to-ones."))
	return b.String()
}

func agreedActions(rng *rand.Rand, card model.Scorecard) []model.ReviewActionInput {
	_, worst, ok := extremes(card)
	out := []model.ReviewActionInput{{Text: pick(rng, "Hold a team session on what our purpose means for our work this quarter", "Protect a fortnightly one-to-one with every direct report")}}
	if ok {
		out = append(out, model.ReviewActionInput{Text: "Agree two concrete steps to lift " + strings.ToLower(worst.Perspective.Label()) + " and review them in the next check-in"})
	}
	return out
}

var (
	talkingPoints = []string{"How the new shift pattern is working", "Workload over the next two weeks", "Feedback from the customer visit",
		"Training you would like this quarter", "What got in your way last week", "Ideas for the team meeting", "Progress on your development goal",
		"Handover before your leave", "The pulse survey results", "A process we could simplify"}
	metricPoints = []string{"Where we stand on %s this month", "What would move %s", "Why %s dipped"}
	sharedNotes  = []string{"Good conversation. Priorities for the next two weeks are clear.", "Agreed to revisit the workload question next time.",
		"Talked through the pulse results together; the team feels heard but stretched.", "Celebrated the delivery milestone. Next: document what worked.",
		"Discussed development: a stretch assignment in the cross-department project."}
	privateNotes = []string{"Seems tired; check in on workload again.", "Ready for more responsibility. Think about the team lead role.",
		"Hesitant about the reorganization; reassure next time.", "Mentioned a family matter; give flexibility.", "Strong on customers, needs coaching on delegation."}
	actionTexts = []string{"Share the team's ideas list before Friday", "Book the customer follow-up visit", "Draft the safety walk checklist",
		"Send the training request to People", "Update the handover document", "Pair with Supply Chain on the delivery issue", "Write up the lessons from the pilot"}
)

// perfCheckins seeds six weeks of one-to-ones for each middle manager (up to 60) and
// their direct reports: every two weeks, weekly for the demo's second manager, with an
// upcoming one planned.
func perfCheckins(ctx context.Context, c *core.Core, rng *rand.Rand, now time.Time, managers []perfPerson, metrics []model.Metric, res *Result) error {
	var seeds []model.CheckinSeriesSeed
	for i, m := range managers {
		if i >= 60 && m.ID != res.Manager.PersonID && m.ID != res.Manager2.PersonID {
			continue
		}
		cadence := 14
		if m.ID == res.Manager2.PersonID {
			cadence = 7
		}
		for ri, r := range m.reports {
			if ri >= 10 {
				break
			}
			s := model.CheckinSeriesSeed{ManagerID: m.ID, ReportID: r.ID, CadenceDays: cadence}
			offset := rng.IntN(cadence)
			start := now.AddDate(0, 0, -42+offset)
			for d := start; ; d = d.AddDate(0, 0, cadence) {
				held := d.Format("2006-01-02") < now.Format("2006-01-02")
				ck := model.CheckinSeed{ScheduledOn: d.Format("2006-01-02"), Done: held, PrivateNotes: map[int64]string{}}
				for k := 0; k < 1+rng.IntN(3); k++ {
					p := model.CheckinPointSeed{AuthorID: []int64{m.ID, r.ID}[rng.IntN(2)], Text: talkingPoints[rng.IntN(len(talkingPoints))], Discussed: held}
					if rng.Float64() < 0.35 && len(metrics) > 0 {
						mt := metrics[rng.IntN(len(metrics))]
						p.MetricID, p.Text = mt.ID, fmt.Sprintf(metricPoints[rng.IntN(len(metricPoints))], strings.ToLower(mt.Name))
					}
					ck.Points = append(ck.Points, p)
				}
				if held {
					ck.SharedNotes = sharedNotes[rng.IntN(len(sharedNotes))]
					if rng.Float64() < 0.4 {
						ck.PrivateNotes[m.ID] = privateNotes[rng.IntN(len(privateNotes))]
					}
					if rng.Float64() < 0.15 {
						ck.PrivateNotes[r.ID] = "Want to ask about the project lead role next time."
					}
					done := 0.45
					if now.Sub(d) > 14*24*time.Hour {
						done = 0.9 // older actions are mostly done
					}
					for k := 0; k < rng.IntN(3); k++ {
						ck.Actions = append(ck.Actions, model.CheckinActionSeed{Text: actionTexts[rng.IntN(len(actionTexts))],
							OwnerID: []int64{r.ID, r.ID, m.ID}[rng.IntN(3)], DueOn: d.AddDate(0, 0, 10+rng.IntN(14)).Format("2006-01-02"), Done: rng.Float64() < done})
					}
				}
				s.Checkins = append(s.Checkins, ck)
				if !held {
					break
				}
			}
			seeds = append(seeds, s)
		}
	}
	return c.SeedCheckins(ctx, model.System, seeds)
}

var praiseTexts = []string{
	"Thank you for staying late to get the delivery out; the customer noticed.",
	"Your walk-through of the new process made it click for the whole team.",
	"You spoke up about the safety issue when it would have been easier not to. That took courage.",
	"The way you welcomed our new colleague made a real difference in their first week.",
	"Your idea for the returns flow saved us hours every week.",
	"You turned a tense customer call into a partnership. Lovely to watch.",
	"Thanks for covering my shifts while my father was in hospital. I will not forget it.",
	"Your volunteering day with the food bank got half the team signed up for the next one.",
	"The dashboard you built finally shows us the numbers we actually need.",
	"You asked the question everyone was thinking in the town hall, and you asked it kindly.",
	"Our new starters say your onboarding checklist is the most useful thing they received.",
	"You shared the credit for the project with the whole team. That is leadership.",
}

var feedbackTexts = []string{
	"In the planning meeting you summarised the options clearly. Next time, invite the quieter voices first.",
	"Your report was thorough. A one-line summary at the top would help busy readers.",
	"You handled the difficult call with real empathy. I learned from listening to it.",
	"I would like to see you delegate more; the team is ready for it.",
}

// perfFeedback gives some praise and private feedback, and leaves a few requests open.
func perfFeedback(ctx context.Context, c *core.Core, rng *rand.Rand, managers []perfPerson, res *Result) error {
	actor := func(id int64) (model.Actor, bool) {
		a, err := c.SeedActor(ctx, model.System, id)
		return a, err == nil && !a.Anonymous()
	}
	now := c.Now()
	when := func() time.Time { return now.Add(-time.Duration(1+rng.IntN(42*24)) * time.Hour) }
	give := func(a model.Actor, in model.FeedbackInput) error {
		return at(c, when(), func() error { _, err := c.GiveFeedback(ctx, a, in); return err })
	}
	for i, m := range managers {
		if i >= 40 || len(m.reports) < 2 {
			continue
		}
		from, ok := actor(m.reports[0].ID)
		if !ok {
			continue
		}
		to := m.reports[1].ID
		vis := model.FeedbackPrivate
		text := feedbackTexts[rng.IntN(len(feedbackTexts))]
		if rng.Float64() < 0.5 {
			vis, text = model.FeedbackPublic, praiseTexts[rng.IntN(len(praiseTexts))]
		}
		comp := ""
		if rng.Float64() < 0.5 {
			comp = model.FeedbackCompetencies[rng.IntN(len(model.FeedbackCompetencies))].Key
		}
		if err := give(from, model.FeedbackInput{ToID: to, Visibility: vis, Text: text, Competency: comp}); err != nil {
			return err
		}
		mgr, ok := actor(m.ID)
		if !ok {
			continue
		}
		if err := give(mgr, model.FeedbackInput{ToID: m.reports[0].ID, Visibility: model.FeedbackPrivate,
			Text: feedbackTexts[rng.IntN(len(feedbackTexts))], Competency: "developing_others"}); err != nil {
			return err
		}
		if m.ID == res.Manager.PersonID || m.ID == res.Manager2.PersonID {
			if _, err := c.RequestFeedback(ctx, mgr, model.FeedbackRequestInput{ToID: m.reports[len(m.reports)-1].ID,
				Message: "How could I make our team meetings more useful for you?"}); err != nil {
				return err
			}
			if asker, ok := actor(m.reports[0].ID); ok {
				if _, err := c.RequestFeedback(ctx, asker, model.FeedbackRequestInput{ToID: m.ID, Message: "Could you tell me how my customer presentation came across?"}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
