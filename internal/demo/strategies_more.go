package demo

// The purpose, values and objectives of the five scenarios besides agriculture. Written
// for Throughline in our own words; the organizations are fictional.
func init() {
	strategies["fashion"] = strategy{
		Purpose:     "We make clothes worth keeping, and we answer for every garment from the fibre to its second life.",
		Explanation: "Most of a garment's footprint is fixed at the design table and the mill, and then stretched or shortened by how long it is worn. So we judge our work by how long our clothes stay in use and what they cost the planet, not only by how fast they sell.",
		Values: []valueText{
			{"Made to last", "We design, sell and service for a long life, not a single season.", []string{"Asks how a piece will be repaired before signing it off", "Offers a repair before a refund when it fits", "Flags a fabric that pills or fades in testing"}},
			{"Honest footprint", "We measure our impact and say it plainly, including the parts we are not proud of.", []string{"Names the data behind every green claim", "Removes a claim that cannot be backed up", "Reports a supplier problem even when it delays a launch"}},
			{"Fewer, better", "We would rather make less and sell it well than chase volume.", []string{"Cuts a style that duplicates one we already have", "Orders to the forecast, not to hope", "Questions a discount that only clears surplus"}},
			{"Partners, not vendors", "The people who make our clothes are part of our team.", []string{"Pays suppliers on the agreed date", "Calls factories outside audit season", "Shares forecasts early so mills can plan"}},
			{"Care after sale", "Our relationship with a customer starts at checkout, it does not end there.", []string{"Answers with a fix, not a script", "Tells customers how to wash and mend what they bought", "Passes recurring complaints to Design within the week"}},
		},
		Objectives: []objectiveText{
			{"Move our range to certified and recycled materials", "Materials make up most of a garment's footprint. Every fibre we choose today is locked in for the whole life of the garment.", "2026–2028", []string{"Sourcing", "Design"}, "Raise the share of certified or recycled materials", krText{"Certified or recycled materials by weight", 42, 75, "%"},
				map[string]goalText{"Design": {"Design the new collections around preferred materials", krText{"Styles using only preferred materials", 30, 70, "%"}}}},
			{"Keep every garment in use for longer", "Wearing a garment twice as long roughly halves its impact. Repair, resale and take-back are how we make that happen.", "2026–2027", []string{"Customer Care", "Logistics", "Design"}, "Bring garments back for repair, resale or recycling", krText{"Garments repaired or taken back", 8000, 25000, ""},
				map[string]goalText{
					"Design":    {"Make every new style easy to repair", krText{"New styles with a repair guide and spare parts", 10, 80, "%"}},
					"Logistics": {"Run take-back and repair returns through Porto", krText{"Take-back parcels processed within 5 days", 40, 90, "%"}},
				}},
			{"Cut returns by helping people buy the right thing", "Every return means two extra shipments and often a garment that never sells again. Honest fit information is cheaper for us and for the planet.", "2026", []string{"E-commerce", "Marketing"}, "Reduce the return rate", krText{"Return rate", 28, 20, "%"},
				map[string]goalText{"Marketing": {"Show real fit in every campaign", krText{"Campaign images with model size and fit notes", 20, 100, "%"}}}},
			{"Grow with customers who come back, not with discounts", "A customer who buys less often but keeps what they buy is the business our purpose needs. Growth should come from trust, not markdowns.", "2026–2027", []string{"Marketing", "E-commerce", "Customer Care"}, "Raise the repeat purchase rate", krText{"Customers buying again within 12 months", 31, 40, "%"},
				map[string]goalText{"Customer Care": {"Raise customer NPS", krText{"Customer NPS", 38, 50, ""}}}},
			{"Secure a living wage for the people who sew our clothes", "Many garment workers in our supply chain still earn below a living wage. A sustainability purpose that covers the planet but not the people who make our clothes is incomplete.", "2026–2030", nil, "", krText{}, nil},
		},
		TeamGoals: map[string][]goalText{
			"Design":        {{"Design the autumn range for repair", krText{"Styles with replaceable buttons, zips and patches", 25, 70, "%"}}, {"Cut CO₂e per garment in the core range", krText{"CO₂e per garment", 9.5, 7.5, "kg"}}, {"Cut fabric waste at the cutting table", krText{"Fabric lost in cutting", 18, 12, "%"}}},
			"Sourcing":      {{"Pass every tier-1 supplier audit", krText{"Supplier audits passed", 78, 95, "%"}}, {"Map the mills behind our factories", krText{"Tier-2 mills identified", 35, 80, "%"}}, {"Move core basics to recycled cotton blends", krText{"Basics on recycled blends", 15, 50, "%"}}},
			"E-commerce":    {{"Add measured fit data to every product page", krText{"Product pages with garment measurements", 45, 100, "%"}}, {"Open the pre-owned shop", krText{"Pre-owned pieces listed", 0, 1500, ""}}, {"Publish the footprint of each garment", krText{"Products with a published CO₂e figure", 10, 90, "%"}}},
			"Customer Care": {{"Offer repair before refund", krText{"Damage contacts resolved with a repair", 12, 35, "%"}}, {"Answer every contact within a day", krText{"Contacts answered within 24 h", 72, 95, "%"}}, {"Book free repairs through the care team", krText{"Repairs booked per month", 120, 400, ""}}},
			"Logistics":     {{"Grade and restock returns within three days", krText{"Returns back in stock within 3 days", 55, 85, "%"}}, {"Ship in reusable mailers", krText{"Orders in reusable packaging", 20, 60, "%"}}, {"Move inbound freight from air to sea", krText{"Inbound volume by air", 22, 8, "%"}}},
			"Marketing":     {{"Grow take-back among existing customers", krText{"Customers who have used take-back", 4, 12, "%"}}, {"Back every sustainability claim with data", krText{"Claims with a cited source", 60, 100, "%"}}, {"Rely less on discount campaigns", krText{"Revenue sold at a discount", 34, 20, "%"}}},
		},
	}

	strategies["maritime"] = strategy{
		Purpose:     "We carry the world's trade safely and cleanly, and we bring every seafarer home.",
		Explanation: "Our ships are workplaces and homes for months at a time, and they sail on oceans everyone shares. Every voyage plan, charter and repair is judged by whether it keeps crews safe, burns less fuel and still pays its way.",
		Values: []valueText{
			{"Safety always", "No schedule, cargo or cost justifies putting a person at risk.", []string{"Uses stop-work authority without waiting for permission", "Reports a near miss before the end of the watch", "Checks the permit to work is signed before the job starts"}},
			{"Seafarers first", "Crews are colleagues, not a cost line.", []string{"Answers a crew member's message within a day", "Plans crew changes around contracts, not only port costs", "Asks the ship's view before deciding about the ship"}},
			{"Ownership", "Whoever sees a problem owns it until it is properly handed on.", []string{"Closes inspection actions by the due date", "Hands over in writing, not in passing", "Follows a defect until it is fixed"}},
			{"Clean seas", "Fuel saved is emissions avoided, not only cost cut.", []string{"Proposes slower steaming when the schedule allows", "Logs hull and propeller condition after every inspection", "Questions a charter that forces wasteful speed"}},
			{"Plain dealing", "We are honest with charterers, authorities and each other.", []string{"Reports a deficiency instead of hiding it", "Quotes arrival times the ship can meet", "Admits a mistake on the daily call"}},
		},
		Objectives: []objectiveText{
			{"Bring every seafarer home safe", "A ship at sea is far from help, and our industry still injures too many people. Safety is the first thing we owe our crews and their families.", "2026", []string{"HSEQ", "Fleet Operations", "Crewing"}, "Lower the lost-time injury frequency", krText{"Lost-time injury frequency", 1.4, 0.8, "per million h"},
				map[string]goalText{"Crewing": {"Train every senior officer in safety leadership", krText{"Senior officers trained", 45, 100, "%"}}}},
			{"Cut the carbon intensity of our fleet", "Every ship is now rated on its carbon intensity, and the oceans cannot wait for new fuels. Most of the reduction available today comes from how we sail and maintain the ships we already have.", "2026–2030", []string{"Technical", "Fleet Operations", "Chartering"}, "Lower fleet CO₂ intensity", krText{"Average CO₂ intensity", 6.8, 5.6, "g CO₂/t-nm"},
				map[string]goalText{
					"Fleet Operations": {"Cut fuel burned per nautical mile", krText{"Fuel per nautical mile", 0.105, 0.092, "t/nm"}},
					"Chartering":       {"Fix charters that reward efficient speed", krText{"Fixtures with slow-steaming or CII clauses", 15, 50, "%"}},
				}},
			{"Keep the crews we train", "Experienced officers are scarce, and every one who leaves takes knowledge of our ships with them. Crews stay when contracts are fair, relief comes on time and they can reach home.", "2026–2027", []string{"Crewing", "Finance"}, "Raise crew retention", krText{"Officer retention", 84, 92, "%"},
				map[string]goalText{"Finance": {"Pay crew wages and allotments on time every month", krText{"Wage payments on time", 93, 100, "%"}}}},
			{"Be the owner charterers and ports can rely on", "On-time arrivals and clean inspections win repeat business and keep ports safe. Reliability is earned one voyage at a time.", "2026", []string{"Chartering", "Fleet Operations", "Technical", "Finance"}, "Arrive when we said we would", krText{"On-time arrivals", 82, 92, "%"},
				map[string]goalText{
					"Technical": {"Clear port-state inspections without detention", krText{"Port-state detentions", 4, 0, ""}},
					"Finance":   {"Grow charter revenue from repeat customers", krText{"Revenue from repeat charterers", 48, 60, "%"}},
				}},
			{"Stand with the port communities and seafarers ashore where we call", "Our ships bring traffic and risk to port towns, and seafarers on shore leave often have nowhere safe to go. We take a great deal from these places and give little back yet.", "2026–2028", nil, "", krText{}, nil},
		},
		TeamGoals: map[string][]goalText{
			"Fleet Operations": {{"Weather-route every ocean passage", krText{"Voyages weather-routed", 60, 95, "%"}}, {"Cut waiting at anchor with just-in-time arrival", krText{"Average hours at anchor per call", 30, 18, "h"}}, {"Cut fuel per nautical mile on the Asia loop", krText{"Fuel per nautical mile", 0.105, 0.094, "t/nm"}}},
			"Crewing":          {{"Relieve crews on the date we promised", krText{"Crew changes on schedule", 78, 95, "%"}}, {"Give every ship internet good enough to call home", krText{"Ships with crew internet", 55, 100, "%"}}, {"Offer confidential counselling to every crew", krText{"Crew with 24/7 counselling access", 40, 100, "%"}}},
			"Technical":        {{"Clean hulls on condition, not on the calendar", krText{"Ships on hull-condition monitoring", 30, 80, "%"}}, {"Close inspection findings within 30 days", krText{"Findings closed in 30 days", 65, 90, "%"}}, {"Fit energy-saving devices at dry-dock", krText{"Ships with energy-saving devices", 4, 10, ""}}},
			"Chartering":       {{"Add efficiency clauses to new fixtures", krText{"Fixtures with CII clauses", 10, 40, "%"}}, {"Quote arrival windows charterers can count on", krText{"Arrivals within 6 h of quoted ETA", 70, 88, "%"}}, {"Raise time-charter equivalent earnings", krText{"Average TCE", 14.5, 16.5, "k$/day"}}},
			"HSEQ":             {{"Get near misses reported on every ship", krText{"Near misses reported per ship per month", 2, 6, ""}}, {"Run enclosed-space drills fleet-wide", krText{"Ships drilled this half", 50, 100, "%"}}, {"Prepare every ship for port-state inspection", krText{"Inspections without deficiencies", 55, 75, "%"}}},
			"Finance":          {{"Pay crew allotments without delay", krText{"Allotments paid on time", 94, 100, "%"}}, {"Price carbon into every voyage estimate", krText{"Voyage estimates with a carbon cost", 0, 100, "%"}}, {"Close the month in six days", krText{"Days to close", 10, 6, "days"}}},
		},
	}

	strategies["sportswear"] = strategy{
		Purpose:     "We get people moving, starting with the kids who have the fewest places to play.",
		Explanation: "We began by making kit for local clubs, and somewhere along the way we started selling an image more than a sport. Now every product, store and campaign is judged by whether it gets more people playing, in kit that fits the bodies of those who do.",
		Values: []valueText{
			{"Play first", "Sport is the point; the product serves it.", []string{"Tests new gear with amateur athletes", "Brings a story from the pitch to the weekly meeting", "Picks the club event over the launch party"}},
			{"Every body", "Our kit is for every size, ability and budget.", []string{"Checks the size range before approving a style", "Casts everyday athletes in shoots", "Speaks up when a price shuts out our core customers"}},
			{"Keep it real", "We show sport as it is, sweat and all, not as an image to buy into.", []string{"Cuts a claim the product cannot back up", "Uses real club players in campaigns", "Tells customers plainly about a quality problem"}},
			{"Team over ego", "We win together across departments, like a side on the pitch.", []string{"Passes credit to the people who did the work", "Asks another team for help early", "Shares data openly with other departments"}},
			{"Show up locally", "We are part of the neighbourhoods around our stores and offices.", []string{"Volunteers as a coach or referee", "Knows the clubs near their store by name", "Lends store space to local teams"}},
		},
		Objectives: []objectiveText{
			{"Get more young people playing where we work", "Children in low-income areas have far fewer chances to play organised sport, and the gap is growing. Closing it is why we started, and it is the clearest test of our purpose.", "2026–2028", []string{"Community Sports", "Retail"}, "Run more community sports programmes", krText{"Community programmes running", 24, 60, ""},
				map[string]goalText{"Retail": {"Partner every store with a local youth club", krText{"Stores with a club partnership", 20, 80, "%"}}}},
			{"Win back trust in what our brand stands for", "Customers tell us we now look like a fashion label rather than a sports company. If people stop believing our purpose, our products and programmes lose their pull too.", "2026–2027", []string{"Brand", "Digital"}, "Raise brand purpose perception", krText{"Customers who say we stand for sport for all", 31, 45, "%"},
				map[string]goalText{"Digital": {"Put local clubs and events at the heart of the app", krText{"App users who joined a local event", 2, 8, "%"}}}},
			{"Make kit that fits and lasts for every body", "Many people cannot find our kit in their size, and quality returns show that some of what we sell does not last. Good, inclusive product is the most direct way we serve athletes.", "2026–2027", []string{"Product", "Supply Chain"}, "Cut returns for quality", krText{"Products returned for quality", 4.2, 2.5, "%"},
				map[string]goalText{"Product": {"Extend inclusive sizing across the range", krText{"Styles offered in the full size range", 45, 80, "%"}}}},
			{"Lower the footprint of everything we make", "Synthetic fabrics and air freight make up most of our emissions. Athletes need clean air and a stable climate to play outside.", "2026–2030", []string{"Supply Chain", "Product"}, "Raise the share of recycled polyester", krText{"Recycled polyester share", 28, 60, "%"}, nil},
			{"Keep worn-out shoes and kit out of landfill", "Almost every running shoe ever made still exists somewhere, most of them buried or burned. We have no scheme yet to take our products back or to design them for recycling.", "2027–2030", nil, "", krText{}, nil},
		},
		TeamGoals: map[string][]goalText{
			"Product":          {{"Offer women's styles in the full size run", krText{"Women's styles in XS to 4XL", 35, 75, "%"}}, {"Wear-test every new shoe with club athletes", krText{"New shoes wear-tested for 100 km", 40, 100, "%"}}, {"Fix the seam failures in the training shorts", krText{"Quality returns on training shorts", 6.5, 2.5, "%"}}},
			"Brand":            {{"Cast club athletes in the spring campaign", krText{"Campaign faces from community clubs", 10, 50, "%"}}, {"Lift purpose perception in the UK tracker", krText{"Say we stand for sport for all", 29, 38, "%"}}, {"Retire claims we cannot prove", krText{"Product claims with test evidence", 55, 100, "%"}}},
			"Retail":           {{"Raise full-price sell-through", krText{"Full-price sell-through", 58, 68, "%"}}, {"Host a club night in every store each month", krText{"Stores hosting a monthly club night", 25, 90, "%"}}, {"Stock the full size range in every store", krText{"Stores carrying the full size range", 40, 85, "%"}}},
			"Digital":          {{"Let clubs book free kit fittings online", krText{"Club fittings booked online", 0, 300, ""}}, {"Add a size finder that prevents fit returns", krText{"Online returns for fit", 18, 12, "%"}}, {"Make the app usable with a screen reader", krText{"Screens meeting WCAG AA", 60, 100, "%"}}},
			"Supply Chain":     {{"Move core tees to recycled polyester", krText{"Core tees in recycled polyester", 30, 90, "%"}}, {"Ship launches by sea instead of air", krText{"Units shipped by air", 15, 5, "%"}}, {"Audit the footwear tier-2 suppliers", krText{"Tier-2 footwear suppliers audited", 20, 75, "%"}}},
			"Community Sports": {{"Run free after-school sessions in Manchester", krText{"Weekly sessions running", 6, 20, ""}}, {"Qualify staff as volunteer coaches", krText{"Staff qualified as coaches", 12, 60, ""}}, {"Reach children in low-income areas", krText{"Children taking part each week", 900, 2500, ""}}},
		},
	}

	strategies["edtech"] = strategy{
		Purpose:     "We open good learning to anyone willing to learn, wherever they start from.",
		Explanation: "It is easy to count sign-ups and clicks; what matters is whether people finish and can use what they learned. We design, build and sell with the learner in mind who has the least time, bandwidth and money.",
		Values: []valueText{
			{"Learner first", "When in doubt, we ask what helps the learner learn.", []string{"Watches a learner use the product at least once a month", "Brings learner quotes to planning", "Pushes back on a feature that adds clicks but not learning"}},
			{"Access for all", "A course nobody can reach teaches nobody.", []string{"Tests pages on a slow connection and a cheap phone", "Adds captions and transcripts before publishing", "Asks who is left out by a price or a design"}},
			{"Evidence over opinion", "We let data settle debates, and we say when we do not know.", []string{"States the metric before starting an experiment", "Shares results that contradict their own hunch", "Names the source of a number in a review"}},
			{"Teach generously", "We share what we know, inside the company and out.", []string{"Writes down how they solved a problem", "Pairs with a new colleague in their first month", "Answers questions in the open channel"}},
			{"Own the outcome", "We care about the result, not the activity.", []string{"Follows a release until learners actually use it", "Says early when a deadline will slip", "Closes the loop with whoever reported a problem"}},
		},
		Objectives: []objectiveText{
			{"Help more learners finish what they start", "Most online courses are abandoned in the first weeks. A learner who finishes gains a skill; one who drops out often decides that learning is not for them.", "2026–2027", []string{"Content", "Learner Success", "Data"}, "Raise course completion", krText{"Course completion", 22, 32, "%"},
				map[string]goalText{"Data": {"Find where learners drop out, and why", krText{"Courses with a drop-off analysis", 10, 100, "%"}}}},
			{"Reach learners in underserved regions", "The people who would gain most from our courses are often on slow networks, cheap phones and tight budgets. Too few of them find us today.", "2026–2028", []string{"Growth", "Partnerships", "Engineering"}, "Grow the share of learners from underserved regions", krText{"Learners from underserved regions", 18, 30, "%"},
				map[string]goalText{
					"Engineering":  {"Make lessons work on a poor connection", krText{"Lessons usable below 256 kbps", 35, 90, "%"}},
					"Partnerships": {"Sign partners who reach underserved learners", krText{"Active partners in low-income regions", 9, 25, ""}},
				}},
			{"Make every course accessible", "Missing captions, poor contrast and pages a screen reader cannot follow shut learners with disabilities out. Accessibility is part of quality, not an extra.", "2026", []string{"Engineering", "Content"}, "Meet the accessibility standard across the platform", krText{"WCAG 2.2 AA conformance", 64, 95, "%"},
				map[string]goalText{"Content": {"Caption and transcribe every video", krText{"Videos with captions and transcripts", 70, 100, "%"}}}},
			{"Keep learners because they are learning, not because they forgot to cancel", "Revenue that depends on forgotten subscriptions works against our purpose. We want learners to stay because the courses are worth it.", "2026–2027", []string{"Growth", "Learner Success", "Data"}, "Reduce monthly churn", krText{"Monthly subscriber churn", 7.5, 5, "%"},
				map[string]goalText{
					"Learner Success": {"Raise learner satisfaction", krText{"Learner CSAT", 4.1, 4.5, "/5"}},
					"Data":            {"Give advisors an early warning of churn", krText{"Advisors using the weekly at-risk list", 0, 80, "%"}},
				}},
			{"Offer free learning to refugees and displaced people", "Millions of displaced people have lost years of schooling and have the time to learn but no money or papers for a course. We have the content to help and have not yet organised ourselves to do it.", "2026–2028", nil, "", krText{}, nil},
		},
		TeamGoals: map[string][]goalText{
			"Content":         {{"Rework the data-skills path for mobile", krText{"Lessons under 10 minutes", 40, 85, "%"}}, {"Add graded practice to every module", krText{"Modules with graded practice", 55, 95, "%"}}, {"Translate the starter courses into Arabic and Swahili", krText{"Starter courses translated", 0, 12, ""}}},
			"Engineering":     {{"Make lessons load fast on 3G", krText{"Median lesson load time on 3G", 9, 4, "s"}}, {"Ship offline downloads on Android", krText{"Active learners using offline mode", 0, 20, "%"}}, {"Fix every critical accessibility defect", krText{"Open critical accessibility defects", 48, 0, ""}}},
			"Learner Success": {{"Reach out to learners who stall in week two", krText{"Stalled learners contacted", 15, 70, "%"}}, {"Answer questions within a day", krText{"Questions answered within 24 h", 68, 92, "%"}}, {"Raise satisfaction with support", krText{"Support CSAT", 4.0, 4.5, "/5"}}},
			"Partnerships":    {{"Sign partners in East Africa and South Asia", krText{"Signed regional partners", 4, 12, ""}}, {"Win a grant that funds free seats", krText{"Free seats funded", 0, 5000, ""}}, {"Pilot free courses with a refugee-education charity", krText{"Refugee learners enrolled", 0, 800, ""}}},
			"Growth":          {{"Make cancelling as easy as signing up", krText{"Steps to cancel", 6, 2, ""}}, {"Grow monthly active learners in India and Nigeria", krText{"Monthly active learners", 42000, 60000, ""}}, {"Launch regional pricing", krText{"Countries with regional pricing", 5, 40, ""}}},
			"Data":            {{"Give every course team a completion dashboard", krText{"Course teams using the dashboard", 20, 100, "%"}}, {"Measure learning, not just clicks", krText{"Courses with pre- and post-assessment", 15, 60, "%"}}, {"Answer data requests faster", krText{"Median days per request", 8, 3, "days"}}},
		},
	}

	strategies["agritech"] = strategy{
		Purpose:     "We help smallholder farmers grow more and lose less, so that more families have enough to eat.",
		Explanation: "Our customers farm two hectares on thin margins with no room for a failed season. A sensor that breaks in the field or advice that does not fit local crops is not a product bug; it is a family's harvest at risk.",
		Values: []valueText{
			{"Farmer first", "We design for the farmer's field, language and budget, not our own.", []string{"Spends a day on a farm every quarter", "Tests advice in the local language before release", "Asks what a feature will cost the farmer"}},
			{"Proof in the field", "A result only counts once it holds up on real farms.", []string{"Runs a field trial before claiming a yield gain", "Reports failed trials alongside the ones that worked", "Shows the sample size with every number"}},
			{"Grow with care", "We grow fast, but not faster than we can support what we install.", []string{"Plans spare parts and training before a rollout", "Says no to a deal we cannot service", "Checks on devices after installing them"}},
			{"Local knowledge", "The people closest to the farms usually know best.", []string{"Brings field agents into design reviews", "Credits farmers and cooperatives for their ideas", "Hires and promotes from the regions we serve"}},
			{"Open books", "We share data and bad news as readily as good news.", []string{"Gives farmers access to their own data", "Tells a partner early when a target will slip", "Publishes impact figures, good or bad"}},
		},
		Objectives: []objectiveText{
			{"Put our tools in the hands of more smallholder farmers", "Most food from small farms is grown without forecasts, credit or data. Every farmer we serve well is a household with a better chance of a good season.", "2026–2028", []string{"Field Deployment", "Partnerships", "Operations"}, "Grow the number of active farmers", krText{"Active farmers using our tools", 140000, 300000, ""},
				map[string]goalText{
					"Partnerships": {"Sign cooperatives that bring their members with them", krText{"Cooperatives under contract", 45, 110, ""}},
					"Operations":   {"Grow recurring revenue to pay for the reach", krText{"Annual recurring revenue", 6.5, 11, "M$"}},
				}},
			{"Prove a real yield gain for the farmers we serve", "Farmers pay us in money and in trust, and both are wasted if our advice does not raise their harvest. We measure the gain honestly, against farms that do not use us.", "2026–2027", []string{"Research", "Product"}, "Raise the yield uplift for our users", krText{"Yield uplift versus comparison farms", 8, 15, "%"}, nil},
			{"Cut post-harvest loss through cold storage and better timing", "Much of what smallholders grow spoils before it is sold, because cold storage is far away or too expensive. Losing less food is as good as growing more.", "2026–2028", []string{"Product", "Field Deployment", "Operations", "Partnerships"}, "Reduce post-harvest loss among users", krText{"Post-harvest loss for users", 30, 20, "%"},
				map[string]goalText{
					"Operations":   {"Keep the solar cold rooms running", krText{"Cold-room uptime", 88, 97, "%"}},
					"Partnerships": {"Share cold rooms through cooperatives", krText{"Cooperatives with a shared cold room", 6, 25, ""}},
				}},
			{"Give smallholders a voice in the rules for digital farming", "Who owns farm data and how subsidies reach farmers will decide whether digital tools help smallholders or squeeze them. We want their interests at the table, backed by evidence.", "2026–2027", []string{"Policy", "Research", "Partnerships"}, "Publish evidence that decision-makers use", krText{"Policy submissions citing our field data", 2, 8, ""},
				map[string]goalText{
					"Research":     {"Open anonymised trial data to public researchers", krText{"Trial datasets published", 1, 6, ""}},
					"Partnerships": {"Raise partner satisfaction", krText{"Partner satisfaction", 7.1, 8.0, "/10"}},
				}},
			{"Make sure women farmers benefit as much as men", "Women do much of the farm work in the regions we serve, yet they are less often the account holder, the person trained or the one paid. Our reach figures hide that gap.", "2026–2029", nil, "", krText{}, nil},
		},
		TeamGoals: map[string][]goalText{
			"Research":         {{"Calibrate the pest-risk model for Kenyan maize", krText{"Fall armyworm forecast accuracy", 62, 80, "%"}}, {"Run yield trials in three new regions", krText{"Trial plots harvested and measured", 120, 360, ""}}, {"Test low-cost sensors against lab readings", krText{"Soil-moisture error versus lab", 14, 6, "%"}}},
			"Product":          {{"Send advice by SMS and voice to farmers without smartphones", krText{"Active farmers on SMS or voice", 35, 60, "%"}}, {"Cut the cost of the soil sensor kit", krText{"Kit cost", 62, 40, "$"}}, {"Build cold-room booking into the app", krText{"Cold-room bookings made in the app", 0, 4000, ""}}},
			"Field Deployment": {{"Keep field devices online", krText{"Device uptime in the field", 86, 95, "%"}}, {"Train farmers in their own language", krText{"Farmers trained this season", 9000, 20000, ""}}, {"Fix broken devices within a week", krText{"Repairs closed within 7 days", 55, 85, "%"}}},
			"Partnerships":     {{"Sign input suppliers that offer credit to our users", krText{"Partners offering input credit", 3, 10, ""}}, {"Bring cold-chain providers into the network", krText{"Cold-chain partners", 4, 12, ""}}, {"Review progress with every cooperative each quarter", krText{"Cooperatives reviewed quarterly", 40, 90, "%"}}},
			"Operations":       {{"Keep spare parts stocked in every hub", krText{"Hubs with two weeks of spares", 50, 90, "%"}}, {"Cut the cost to serve each farmer", krText{"Annual cost to serve per farmer", 14, 9, "$"}}, {"Pay field agents on time", krText{"Agent payments on time", 88, 100, "%"}}},
			"Policy":           {{"Brief agriculture ministries on farm-data rights", krText{"Ministries briefed", 2, 6, ""}}, {"Have our impact figures independently verified", krText{"Impact figures verified", 0, 100, "%"}}, {"Get cold storage into national subsidy schemes", krText{"Countries in subsidy talks on cold storage", 0, 3, ""}}},
		},
	}
}
