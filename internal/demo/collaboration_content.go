package demo

// collabText is a scenario's collaboration material, written for Throughline: the
// initiatives, hackathons and service projects come from each industry's real problems.
type collabText struct {
	Initiatives []initiativeText // the eighth initiative is the past hackathon's winner
	Past, Open  hackathonText
	Corps       corpsText
	Ideas       []postText // the scenario's own; the generic pools fill the rest
}

type initiativeText struct {
	Title, Mission, Outcomes string
	Objective                int // index of the objective it serves; −1 for none
	Milestones               []string
}

type hackathonText struct {
	Title, Theme, Description string
	Challenges                []challengeText
	Submissions               []submissionText // for the past hackathon's teams
}

type challengeText struct {
	Title, Description string
	Objective          int
}

type submissionText struct {
	Title, Description, Impact string
}

type corpsText struct {
	Name, Description string
	Projects          []projectText
}

type projectText struct {
	Title, Description, Place, Partner string
	Skills                             []string
}

type postText struct {
	Title, Body string
	Tags        []string
}

var collabTexts = map[string]collabText{
	"agriculture": {
		Initiatives: []initiativeText{
			{"Living field margins", "Turn the unproductive edges of our fields into flowering strips that feed pollinators and slow runoff, and measure what returns.", "", 4, []string{"Seed mix agreed with agronomy", "First 40 acres sown", "Pollinator counts in two seasons"}},
			{"One water ledger for every farm", "Bring meter readings, irrigation plans and rainfall into one ledger each farm manager can read on Monday morning.", "", 1, []string{"Meters mapped on every farm", "Weekly water report live", "Ledger used in planning meetings"}},
			{"Traceable grain, field to buyer", "Give every load a record buyers can check: which field, which practices, which storage.", "", 2, []string{"Load tags piloted in Iowa", "Buyer portal opened", "All loads traced"}},
			{"Harvest without injuries", "A cross-team safety crew that walks every harvest site before the season and fixes what it finds.", "Recordable incidents down by a third in the first season; two near-miss hotspots redesigned with the field crews.", 3, []string{"Site walks done", "Fixes completed", "Season review"}},
			{"Cover crops that pay", "Show, with our own numbers, where cover crops pay back within three seasons, and where they do not yet.", "", 0, []string{"Trial fields chosen", "Cost model shared with finance", "Results to all farm managers"}},
			{"Neighbours' day on the farm", "Open two farms to neighbours and schools each summer and show how we farm.", "", -1, []string{"Dates agreed with the counties", "Volunteers trained"}},
			{"Closing the books on diesel", "Finance-led review of fuel spend by field operation; an internal effort so far.", "", 0, []string{"Fuel data cleaned", "Findings to the finance team"}},
		},
		Past: hackathonText{"Water and pollinators hackathon", "Water stewardship and pollinator habitats",
			"Two days on the problems that decide our next twenty harvests: water we share with neighbours, and the insects our crops depend on.",
			[]challengeText{{"Every drop counted", "Help a farm manager see, this week, where water goes and where it is wasted.", 1}, {"Habitat on the margins", "Find low-cost ways to turn field edges into pollinator habitat.", 4}, {"Neighbours in the loop", "Keep neighbours informed about spraying and irrigation.", -1}},
			[]submissionText{
				{"Drip-line leak finder", "A simple pressure log and a weekly chart that flags drip lines losing water.", "If farm managers see leaking lines within a week, water per tonne falls 5% on the pilot farms this season."},
				{"Margin seed calculator", "Pick a field edge on the map, get a native seed mix and its cost per acre.", "If the cost is clear, farm managers will sow twice as many acres of margins next spring."},
				{"Spray alert text line", "Neighbours subscribe by text and get a warning the evening before spraying near them.", "If neighbours are warned, complaints fall by half and trust in our practices rises in the county survey."},
				{"Bee hotel kit from pallet wood", "Reuse broken pallets to build nesting boxes for solitary bees, with the youth club.", "If every farm hosts ten boxes, wild bee counts rise measurably within two seasons."},
				{"Rain-to-plan dashboard", "Rainfall forecasts feed straight into the weekly irrigation plan.", "If plans follow the forecast, we skip one irrigation round in three wet weeks."},
			}},
		Open: hackathonText{"Soil and safety sprint", "Soil health and safe work", "Registration is open: form a team with people from another department and pick a challenge.",
			[]challengeText{{"See the soil", "Make soil test results useful in the cab, not only in the lab.", 0}, {"Fatigue at harvest", "Spot and prevent fatigue during long harvest days.", 3}}, nil},
		Corps: corpsText{"Prairie Roots Service Corps", "Colleagues give two to six days to community projects on water, food and habitat, with partner organizations in the places we farm.",
			[]projectText{
				{"River buffer planting", "Plant native trees and grasses along a creek that drains farmland.", "Story County, Iowa", "Skunk River Watershed Alliance", []string{"Planting", "Soil science", "Team logistics"}},
				{"School garden build", "Build raised beds and a rain barrel system with an elementary school.", "Lincoln, Nebraska", "Lincoln Public Schools Green Team", []string{"Carpentry", "Teaching", "Irrigation"}},
				{"Food bank harvest days", "Glean unharvested vegetables and sort them for the regional food bank.", "Saskatoon, Saskatchewan", "Saskatoon Food Bank", []string{"Logistics", "Food safety"}},
				{"Pollinator survey with volunteers", "Train volunteers to count bees and butterflies on public land.", "Guelph, Ontario", "Ontario Pollinator Partnership", []string{"Data collection", "Facilitation"}},
				{"Farm safety for teens", "Teach farm safety to teenagers starting summer jobs.", "Ames, Iowa", "4-H Iowa", []string{"Teaching", "Safety"}},
				{"Rain gauge network", "Install and maintain rain gauges with rural volunteers.", "Hastings, Nebraska", "CoCoRaHS Nebraska", []string{"Data collection", "Community outreach"}},
			}},
		Ideas: []postText{
			{"Share tractor routes between farms", "Plan road moves together so two farms do not drive the same roads half empty.", []string{"fuel", "logistics"}},
			{"Soil test results on the cab tablet", "Show each field's latest soil test where the operator can see it while working.", []string{"soil", "digital"}},
			{"Rain barrel at every machine shed", "Collect roof water for washing equipment instead of pumping groundwater.", []string{"water"}},
			{"Buyer visits to a cover-crop field", "Take buyers to see the practices they pay a premium for.", []string{"sales", "soil"}},
			{"Pallet wood bee hotels", "Broken pallets become nesting boxes for solitary bees.", []string{"pollinators", "reuse"}},
			{"Night-time irrigation by default", "Irrigate at night unless the plan says otherwise: less evaporation.", []string{"water"}},
			{"Near-miss board in the yard", "A whiteboard where anyone writes the near misses of the week.", []string{"safety"}},
			{"Shared grain moisture readings", "Post moisture readings so the elevator and the field team plan together.", []string{"logistics", "quality"}},
		},
	},
	"fashion": {
		Initiatives: []initiativeText{
			{"Take-back, repair, resell", "Make it easy to return worn garments, repair what can be repaired and resell it on our own shop.", "", 0, []string{"Returns label live", "Repair partner in Porto signed", "First resale drop"}},
			{"Materials passport", "Give every garment a record of its fibres, mills and dyes that customers and recyclers can read.", "", 1, []string{"Data model agreed with sourcing", "Ten styles passported", "Customer page live"}},
			{"Supplier voices", "Quarterly calls where factory workers in Dhaka tell our designers what makes production safe and fair.", "", 3, []string{"First call held", "Actions agreed"}},
			{"Fewer returns by better fit", "Combine care and returns data with pattern makers' know-how to fix fit problems at the source.", "Return rate on the three worst styles down from 31% to 19%.", 2, []string{"Return reasons tagged", "Patterns revised", "Results shared"}},
			{"Low-carbon shipping lanes", "Move our slowest-selling lines from air to sea and rail without hurting customers.", "", 1, []string{"Lanes mapped", "Pilot on two lines"}},
			{"Repair cafés in our stores", "Monthly evenings where customers learn to mend.", "", 0, []string{"Amsterdam pilot", "Porto and Los Angeles"}},
			{"Warehouse packaging audit", "Logistics' own review of packaging waste in the fulfilment centre.", "", 1, []string{"Waste measured", "Changes proposed"}},
		},
		Past: hackathonText{"Take-back and repair hackathon", "Garment take-back, repair and reuse", "Two days on keeping clothes in use longer: returns, repairs, resale and recycling.",
			[]challengeText{{"Repair at scale", "How could we repair ten times more garments without ten times the cost?", 0}, {"Returns that come back to life", "Turn returned items into resale stock faster.", 2}, {"Fibre to fibre", "Find recyclers for blended fabrics.", 1}},
			[]submissionText{
				{"Repair pass for loyal customers", "Every garment carries a QR code that books a free repair in the first two years.", "If repair is one scan away, 15% of customers will use it and keep garments a year longer."},
				{"Returns triage in 30 seconds", "A checklist and photo step at the returns desk that routes items to resale, repair or recycling.", "If triage is quick, resale stock doubles without more staff."},
				{"Blend map for recyclers", "A shared list of our blends with the recyclers that accept them.", "If recyclers know what is coming, 40% of unsellable stock finds a fibre-to-fibre route."},
				{"Mending kit in the parcel", "A small kit and a video link in every parcel.", "If customers can fix a loose button, repair requests to care fall by a quarter."},
				{"Second life drop", "A monthly online drop of repaired garments with their repair story.", "If stories travel, resale margin matches new items."},
			}},
		Open: hackathonText{"Circular design sprint", "Designing out waste", "Registration is open: bring a designer, a sourcing specialist and someone from care.",
			[]challengeText{{"Zero-waste patterns", "Patterns that use the whole width of the fabric.", 1}, {"Design for repair", "Garments that are easy to mend.", 0}}, nil},
		Corps: corpsText{"Loom & Leaf Repair Corps", "Colleagues teach and practise repair, reuse and fair work with community partners in our cities.",
			[]projectText{
				{"Community repair café", "Run monthly repair evenings in a neighbourhood centre.", "Amsterdam-Noord", "Repair Café Foundation", []string{"Sewing", "Teaching", "Event logistics"}},
				{"Textile sorting with a social enterprise", "Sort donated textiles for reuse with people returning to work.", "Porto", "Reciclar Têxtil Cooperativa", []string{"Sorting", "Mentoring"}},
				{"Upcycling workshops for teens", "Teach teenagers to redesign old clothes.", "Los Angeles", "LA Youth Makers", []string{"Design", "Teaching"}},
				{"Garment workers' literacy classes", "Support evening classes for factory workers.", "Dhaka", "Shobar Jonno Shikkha", []string{"Teaching", "Cross-cultural communication"}},
				{"Uniform swap for schools", "Collect and redistribute outgrown school uniforms.", "Porto", "Escolas Solidárias", []string{"Logistics", "Community outreach"}},
				{"Mending for shelters", "Repair donated coats for homeless shelters before winter.", "Amsterdam", "Leger des Heils", []string{"Sewing", "Logistics"}},
			}},
		Ideas: []postText{
			{"Print care instructions in plain words", "Tell customers how to wash to make it last, not just the legal symbols.", []string{"care", "durability"}},
			{"Offer repair before refund", "When a customer returns a damaged item, offer a free repair first.", []string{"repair", "returns"}},
			{"Sample rail for reused fabrics", "Keep leftover fabric on a rail designers check before ordering new.", []string{"materials", "reuse"}},
			{"Return reasons in the designer's inbox", "Send each style's return reasons to its designer every month.", []string{"returns", "fit"}},
			{"Ship slow sellers by sea", "Items we restock rarely do not need air freight.", []string{"carbon", "logistics"}},
			{"Reusable mailer bags", "Mailers that customers send back for reuse.", []string{"packaging"}},
			{"Photos of real wear", "Show garments after a year of use on product pages.", []string{"durability", "marketing"}},
			{"Mill visit rota", "One designer visits a mill each quarter.", []string{"sourcing"}},
		},
	},
	"maritime": {
		Initiatives: []initiativeText{
			{"Seafarer connectivity at sea", "Give every crew member enough free data to call home each week.", "", 3, []string{"Data package chosen", "Rolled out on ten vessels", "Fleet-wide"}},
			{"Port-community safety watch", "Work with port towns on safe routes for crew going ashore.", "", 3, []string{"Two ports mapped", "Welfare partners on board"}},
			{"Slow steaming that customers accept", "Agree slower, cleaner voyages with charterers without losing business.", "", 0, []string{"Charter clauses drafted", "Three voyages tested"}},
			{"Hull cleaning on schedule", "Clean hulls by data, not by calendar, to cut fuel.", "Fuel per nautical mile down 4% on the pilot vessels.", 0, []string{"Sensor data collected", "Schedule changed", "Savings confirmed"}},
			{"Mental health first aid on board", "Train one officer per vessel in mental health first aid.", "", 3, []string{"Trainer chosen", "First 20 officers trained"}},
			{"Fewer port detentions", "Learn from every detention and fix the causes fleet-wide.", "", 2, []string{"Detentions reviewed", "Checklist updated"}},
			{"Audit trail clean-up", "HSEQ's own effort to tidy inspection records.", "", 2, []string{"Records migrated"}},
		},
		Past: hackathonText{"Safe harbours hackathon", "Port-community safety and seafarer well-being", "Two days on the lives of the people who crew our ships and the towns they visit.",
			[]challengeText{{"Home from the sea", "Help seafarers stay close to family during long contracts.", 3}, {"Safe shore leave", "Make shore leave safe in unfamiliar ports.", 3}, {"Cleaner port calls", "Cut emissions during port stays.", 0}},
			[]submissionText{
				{"Crew change buddy", "Pair each new crew member with someone who has sailed the route before.", "If everyone has a buddy, early contract terminations fall by a third."},
				{"Shore leave map", "A shared map of safe routes, clinics and seafarer centres in each port.", "If crew know where to go, incidents ashore fall and shore leave is taken more often."},
				{"Voice notes home", "Low-bandwidth voice messages that work on satellite links.", "If crew can send voice notes daily, well-being scores rise by 10 points."},
				{"Shore power readiness list", "A checklist of ports with shore power and what our vessels need to use it.", "If we plug in where we can, port emissions fall 20% on those calls."},
				{"Galley garden", "Herbs and salad grown on board.", "If food is fresher, crew satisfaction with meals rises noticeably."},
			}},
		Open: hackathonText{"Green corridors sprint", "Decarbonizing our routes", "Registration is open: mix chartering, technical and crewing.",
			[]challengeText{{"Voyage planning for less fuel", "Plan voyages around weather and port slots.", 0}, {"Fatigue-free watches", "Watch schedules that protect rest.", 3}}, nil},
		Corps: corpsText{"Northwind Harbour Corps", "Colleagues support seafarers' centres and port communities where we call.",
			[]projectText{
				{"Seafarers' centre refurbishment", "Repaint and furnish the common room of a seafarers' centre.", "Rotterdam", "Stella Maris Rotterdam", []string{"Carpentry", "Project management"}},
				{"Harbour swimming safety", "Teach water safety to children in a port district.", "Singapore", "Harbour Kids Swim", []string{"Teaching", "First aid"}},
				{"Ship visit volunteers", "Visit vessels in port to welcome crews and bring SIM cards.", "Houston", "Houston International Seafarers' Center", []string{"Cross-cultural communication", "Listening"}},
				{"Beach and quay clean-up", "Clean plastic from quays and nearby beaches.", "Oslo", "Hold Norge Rent", []string{"Logistics", "Data collection"}},
				{"Maritime careers for youth", "Mentor teenagers from port neighbourhoods interested in the sea.", "Rotterdam", "STC Group Youth Programme", []string{"Mentoring", "Public speaking"}},
				{"Crew welfare parcels", "Pack welfare parcels for crews stuck in port.", "Singapore", "Mission to Seafarers Singapore", []string{"Logistics", "Fundraising"}},
			}},
		Ideas: []postText{
			{"Weekly video call slot for every crew", "Reserve bandwidth each week so everyone can call home.", []string{"wellbeing", "crew"}},
			{"Share port detention lessons fleet-wide", "One page per detention, sent to every master.", []string{"safety", "quality"}},
			{"Weather routing in the daily brief", "Add the weather routing advice to the master's daily brief.", []string{"fuel"}},
			{"Crew feedback after every contract", "Three questions when someone signs off.", []string{"crew", "feedback"}},
			{"Shore leave buddy rule", "Nobody goes ashore alone in a new port.", []string{"safety"}},
			{"Hull data to the charterers", "Show charterers how clean hulls save their fuel.", []string{"fuel", "customers"}},
			{"Fresh food audit", "Check galley supplies against crew preferences.", []string{"wellbeing"}},
			{"Checklists on tablets", "Replace paper inspection lists on the bridge.", []string{"digital", "quality"}},
		},
	},
	"sportswear": {
		Initiatives: []initiativeText{
			{"Kit for every kid", "Equip youth teams in low-income areas with boots and kit, and keep it in use through a swap scheme.", "", 0, []string{"Five clubs signed", "Kit swap running", "Second season"}},
			{"Coaches from our stores", "Store staff become certified youth coaches on paid volunteer time.", "", 0, []string{"Certification partner chosen", "First 30 coaches"}},
			{"Recycled polyester at scale", "Move our core training range to recycled polyester without losing performance.", "", 1, []string{"Lab tests passed", "Suppliers contracted", "Range launched"}},
			{"Inclusive sizing", "Extend the core range to more body types, tested with real athletes.", "Sizes added in four styles; fit tests with 60 athletes; sell-through on the new sizes 12 points above forecast.", 2, []string{"Fit panel formed", "Patterns graded", "Launched"}},
			{"Brand story from the pitch", "Tell the brand's story through the community clubs we support.", "", 3, []string{"Club stories gathered", "Campaign live"}},
			{"Returns that teach us quality", "Route quality returns to product developers within a week.", "", 2, []string{"Returns tagged", "Weekly review"}},
			{"Vendor scorecard rebuild", "Supply chain's internal rework of vendor scoring.", "", 1, []string{"Criteria drafted"}},
		},
		Past: hackathonText{"Game on hackathon", "Youth sport access in low-income areas", "Two days on one question: how do more kids get to play, and keep playing?",
			[]challengeText{{"No kid without kit", "Get kit to kids who cannot afford it.", 0}, {"Safe places to play", "Help clubs find and keep safe pitches.", 0}, {"Girls keep playing", "Keep teenage girls in sport.", 3}},
			[]submissionText{
				{"Boot swap lockers", "Lockers at partner clubs where outgrown boots are left and picked up.", "If swapping is easy, each locker keeps 200 pairs a year in use."},
				{"Pitch finder for clubs", "A map of free and cheap pitches with booking contacts.", "If clubs find pitches, five new teams start this year."},
				{"Teen girls' squad kit", "Kit designed with teenage girls, for comfort and confidence.", "If girls help design it, drop-out at 14 falls measurably in partner clubs."},
				{"Coach in a box", "A starter pack for parent volunteers who become coaches.", "If starting is easy, partner clubs gain ten coaches this season."},
				{"Ride to the match", "Carpool matching for away games.", "If transport is solved, attendance at away games rises by a quarter."},
			}},
		Open: hackathonText{"Play it forward sprint", "Keeping kit in play", "Registration is open: product, retail and community sports together.",
			[]challengeText{{"Repairable boots", "Boots designed to be repaired.", 1}, {"Store as club house", "Stores that serve local clubs.", 0}}, nil},
		Corps: corpsText{"Stride Community Corps", "Colleagues coach, build and organize with community sports partners.",
			[]projectText{
				{"Saturday league coaching", "Coach under-12 teams in a community league.", "Manchester", "Moss Side Youth League", []string{"Coaching", "Safeguarding"}},
				{"Pitch refurbishment", "Repair goals, nets and fences at a community pitch.", "Portland", "Portland Parks Foundation", []string{"Carpentry", "Project management"}},
				{"Girls' football festival", "Organize a festival day for girls new to football.", "Herzogenaurach", "TSV Herzogenaurach", []string{"Event logistics", "Coaching"}},
				{"Kit collection drive", "Collect, clean and sort kit for partner clubs.", "Shanghai", "Shanghai Young Bakers Sports", []string{"Logistics", "Community outreach"}},
				{"Adaptive sports day", "Support a sports day for children with disabilities.", "Manchester", "Greater Sport", []string{"Inclusion", "Event logistics"}},
				{"Club treasurer clinic", "Help small clubs with budgets and grants.", "Portland", "Oregon Youth Soccer", []string{"Finance", "Mentoring"}},
			}},
		Ideas: []postText{
			{"Kit swap shelf in every store", "Customers leave outgrown kit; clubs collect it.", []string{"community", "reuse"}},
			{"Quality returns to developers weekly", "Developers see quality returns within a week.", []string{"quality", "returns"}},
			{"Store staff coach on paid time", "Four hours a month for coaching youth teams.", []string{"community", "people"}},
			{"Athlete fit panels for new sizes", "Test new sizes with real athletes before launch.", []string{"inclusion", "fit"}},
			{"Recycled polyester hang tags", "Explain the material choice on the tag.", []string{"materials", "brand"}},
			{"Club stories on the homepage", "Tell the stories of the clubs we support.", []string{"brand", "community"}},
			{"Vendor visits with product teams", "Product developers join supply chain on vendor visits.", []string{"supply chain"}},
			{"Pitch booking help for clubs", "Stores help clubs find pitches.", []string{"community"}},
		},
	},
	"edtech": {
		Initiatives: []initiativeText{
			{"Free courses for refugee learners", "Offer our most useful courses free to refugees, with offline access and local partners.", "", 2, []string{"Partners in three countries", "Offline packs built", "First 5,000 learners"}},
			{"Accessible by default", "Make every new lesson meet accessibility standards before it ships.", "", 1, []string{"Checklist in the editor", "Audit of top 50 courses"}},
			{"Low-bandwidth mode", "A version of the platform that works on slow, expensive connections.", "", 2, []string{"Prototype", "Beta in two regions", "Launched"}},
			{"Learner success office hours", "Content authors join learner success calls monthly.", "Completion on the five pilot courses up 9 points.", 0, []string{"Pilot courses chosen", "Monthly calls held", "Results"}},
			{"Mentors from our alumni", "Alumni mentor new learners from underserved regions.", "", 2, []string{"Mentor pool", "Matching"}},
			{"Data you can trust", "One definition of completion and engagement across teams.", "", 0, []string{"Definitions agreed", "Dashboards rebuilt"}},
			{"Campaign calendar rebuild", "Growth's internal rework of campaign planning.", "", -1, []string{"Calendar migrated"}},
		},
		Past: hackathonText{"Learning without borders hackathon", "Free learning for refugees", "Two days on learning for people who have had to leave home.",
			[]challengeText{{"Learn offline", "Courses that work without a steady connection.", 2}, {"Language first", "Help learners study in a new language.", 2}, {"Credentials that travel", "Certificates employers in a new country accept.", 0}},
			[]submissionText{
				{"Offline course packs", "Download a course on Wi-Fi, study on the bus, sync later.", "If courses work offline, completion among refugee learners doubles."},
				{"Bilingual subtitles", "Subtitles in the learner's language and the host language side by side.", "If learners see both, they finish language-heavy courses 30% more often."},
				{"Verified skills wallet", "A portable record of skills checked by partner employers.", "If employers trust it, learners get interviews sooner."},
				{"Study circles by WhatsApp", "Small groups that study together by message.", "If learners study together, drop-out in week two falls by half."},
				{"Volunteer tutor matching", "Match learners with volunteer tutors by language.", "If learners have a tutor, they finish twice as many modules."},
			}},
		Open: hackathonText{"Access for all sprint", "Accessible learning", "Registration is open: content, engineering and learner success together.",
			[]challengeText{{"Screen reader journeys", "Complete a course with a screen reader, and fix what breaks.", 1}, {"Captions for everything", "Caption every video fast and well.", 1}}, nil},
		Corps: corpsText{"Brightpath Learning Corps", "Colleagues tutor, mentor and build with education partners.",
			[]projectText{
				{"Homework club for refugee children", "Run an after-school homework club.", "London", "Refugee Education UK", []string{"Tutoring", "Safeguarding"}},
				{"Digital skills for job seekers", "Teach basic digital skills at a community centre.", "Bangalore", "Nasscom Foundation", []string{"Teaching", "Patience"}},
				{"Library tech help desk", "Help library visitors with devices and online forms.", "Austin", "Austin Public Library Friends", []string{"Tech support", "Listening"}},
				{"Coding club for girls", "Mentor a coding club for teenage girls.", "Bangalore", "Girls Who Code India", []string{"Coding", "Mentoring"}},
				{"Adult literacy recordings", "Record read-along audio for adult literacy courses.", "Remote", "Open Library Project", []string{"Voice work", "Content editing"}},
				{"Career talks in schools", "Talk about careers in technology and education.", "London", "Inspiring the Future", []string{"Public speaking"}},
			}},
		Ideas: []postText{
			{"Accessibility checklist in the editor", "Authors see the checklist where they write.", []string{"accessibility", "content"}},
			{"Learner quotes in sprint reviews", "Start each sprint review with one learner's words.", []string{"learners", "engineering"}},
			{"Offline mode for top ten courses", "Start with the courses refugees take most.", []string{"access"}},
			{"One completion definition", "Agree what 'completed' means across teams.", []string{"data"}},
			{"Captions for every video by default", "No video ships without captions.", []string{"accessibility"}},
			{"Partner feedback loop", "Partners rate each new course.", []string{"partnerships"}},
			{"Data office hours", "Analysts hold weekly office hours.", []string{"data", "learning"}},
			{"Learner success shadowing", "Engineers shadow a learner success shift.", []string{"learners"}},
		},
	},
	"agritech": {
		Initiatives: []initiativeText{
			{"Cold chain for smallholders", "Solar cold rooms and a booking app so smallholders can store harvests and sell later.", "", 2, []string{"Three cold rooms built", "Booking app in Swahili", "First season results"}},
			{"Sensors that survive the field", "Make our soil sensors last two seasons in real conditions.", "", 3, []string{"Failure causes analysed", "New casing tested"}},
			{"Policy brief on data sharing", "Help governments set fair rules for farm data.", "", 4, []string{"Brief drafted", "Consultation"}},
			{"Advice in local languages", "Deliver agronomic advice by voice in five languages.", "Advice listened to by 41,000 farmers; follow-up calls show better planting dates.", 0, []string{"Scripts translated", "Voice service live", "Results"}},
			{"Women farmers' cooperatives", "Design our products with women-led cooperatives.", "", 0, []string{"Cooperatives selected", "Co-design sessions"}},
			{"Yield uplift that we can prove", "Measure yield uplift honestly with partners.", "", 1, []string{"Method agreed", "Data collected"}},
			{"Procurement process review", "Operations' internal review of procurement steps.", "", -1, []string{"Steps mapped"}},
		},
		Past: hackathonText{"Keep it cool hackathon", "Cold-chain access for smallholders", "Two days on the harvest lost between the field and the market.",
			[]challengeText{{"Cold where it counts", "Affordable cooling near the farm gate.", 2}, {"Sell when prices are right", "Help farmers store and sell at better prices.", 0}, {"Know the harvest", "Predict harvest volumes for collection.", 1}},
			[]submissionText{
				{"Cold room booking by SMS", "Farmers book cold room space by SMS.", "If booking is simple, cold room use rises from 40% to 80%."},
				{"Price alerts for stored crops", "Farmers get a text when prices are good.", "If farmers sell at the right time, income per tonne rises 15%."},
				{"Evaporative cooler kit", "A clay and sand cooler farmers can build themselves.", "If every household builds one, vegetable losses fall by a third."},
				{"Collection route planner", "Plan pick-up routes from harvest forecasts.", "If trucks come at the right time, post-harvest loss falls 10%."},
				{"Cooperative cold room finance", "A savings plan that lets cooperatives own cold rooms.", "If cooperatives own them, rooms are maintained and last twice as long."},
			}},
		Open: hackathonText{"Resilient harvests sprint", "Climate-resilient farming", "Registration is open: research, product and field deployment together.",
			[]challengeText{{"Drought alerts that farmers trust", "Early warnings farmers act on.", 0}, {"Repair in the village", "Fix devices where they are used.", 3}}, nil},
		Corps: corpsText{"Harvest Signal Field Corps", "Colleagues work alongside farmers and food organizations where we deploy.",
			[]projectText{
				{"School meals garden", "Build a kitchen garden for a school meals programme.", "Kiambu, Kenya", "Food for Education", []string{"Gardening", "Teaching"}},
				{"Market day price boards", "Set up price boards at a rural market.", "Nakuru, Kenya", "Farmers' Market Association", []string{"Data collection", "Community outreach"}},
				{"Seed bank inventory", "Help a community seed bank record its collection.", "Pune, India", "Annadana Soil & Seed", []string{"Data collection", "Cataloguing"}},
				{"Urban food waste rescue", "Collect surplus food for community kitchens.", "São Paulo", "Banco de Alimentos", []string{"Logistics", "Food safety"}},
				{"Young farmers mentoring", "Mentor young farmers starting agribusinesses.", "Wageningen", "Young Farmers Netherlands", []string{"Mentoring", "Business planning"}},
				{"Solar repair training", "Teach basic repair of solar equipment.", "Nairobi", "Kenya Solar Youth", []string{"Electrical repair", "Teaching"}},
			}},
		Ideas: []postText{
			{"Field feedback within a week", "Every field issue reaches product within seven days.", []string{"product", "field"}},
			{"Voice notes from farmers", "Let farmers send feedback by voice.", []string{"farmers", "feedback"}},
			{"Repair kits for field agents", "Each field agent carries spare sensor parts.", []string{"field", "devices"}},
			{"Policy briefs in plain language", "A one-page version of every brief.", []string{"policy"}},
			{"Research seminars open to all", "Monthly research talks for every department.", []string{"learning", "research"}},
			{"Cold room usage dashboard", "Show cooperatives how full their rooms are.", []string{"cold chain", "data"}},
			{"Translate the app with farmers", "Farmers review every translation.", []string{"language", "farmers"}},
			{"Partner satisfaction after every pilot", "Ask partners three questions after each pilot.", []string{"partnerships"}},
		},
	},
}

// Generic pools used by every scenario, so the hub reads like a real one: most ideas
// are about how people work together, whatever the industry.
var genericIdeas = []postText{
	{"Walking one-to-ones", "Hold one-to-ones on a walk when the topic allows; people talk more freely side by side.", []string{"people", "wellbeing"}},
	{"Purpose minute in team meetings", "Open each team meeting with one minute on how last week's work served our purpose.", []string{"purpose", "meetings"}},
	{"Cross-department lunch roulette", "Once a month, lunch with someone from another department, matched at random.", []string{"collaboration"}},
	{"No-meeting Wednesday mornings", "Protect focus time across departments on Wednesday mornings.", []string{"focus", "meetings"}},
	{"Onboarding buddy from another team", "Every new starter gets a buddy from a different department.", []string{"onboarding", "collaboration"}},
	{"Share the why behind each metric", "Put the 'why this matters' text on every dashboard we share.", []string{"metrics", "purpose"}},
	{"Monthly open hour with the leadership team", "Anyone can drop in and ask the leadership team anything.", []string{"leadership", "transparency"}},
	{"Swap a day with another team", "Spend a day working alongside another team to see their problems.", []string{"collaboration", "learning"}},
	{"Retrospectives with a customer voice", "Read one customer comment at the start of every retrospective.", []string{"customers", "meetings"}},
	{"Decision log for every team", "A short log of decisions and why, so new people catch up quickly.", []string{"transparency"}},
	{"Volunteer day on the team calendar", "Plan one volunteer day a year as a team.", []string{"community"}},
	{"Recognition wall for values in action", "Post short notes when someone lives one of our values.", []string{"values", "recognition"}},
	{"Two-pizza cross-functional squads", "Small squads from several departments for each big problem.", []string{"collaboration"}},
	{"Print less, share screens more", "Default to shared screens in meetings instead of printouts.", []string{"environment"}},
	{"Reusable cups in every kitchen", "Remove single-use cups from our offices.", []string{"environment"}},
	{"Car-sharing board for commuters", "A board to find colleagues to share rides with.", []string{"environment", "commute"}},
	{"Learning hour on Friday afternoons", "One hour a week for learning something new.", []string{"learning"}},
	{"Mentoring across levels", "Pair senior leaders with new managers for six months.", []string{"leadership", "learning"}},
	{"Reverse mentoring on digital tools", "Junior colleagues teach senior leaders the tools they use.", []string{"learning", "digital"}},
	{"Quiet room in every office", "A room for calls, prayer or rest.", []string{"wellbeing"}},
	{"Plain-language policy summaries", "One page in plain words for every policy.", []string{"transparency"}},
	{"Team charter with our purpose", "Each team writes how its work serves the purpose.", []string{"purpose", "teams"}},
	{"Celebrate stopped projects", "Thank teams who stop work that does not serve the purpose.", []string{"culture"}},
	{"Skip-level coffees", "Managers' managers have coffee with their teams each quarter.", []string{"leadership"}},
	{"Visible goals on team boards", "Put the team's goals and their link to objectives on a board.", []string{"goals", "purpose"}},
	{"Shared calendar of community events", "One calendar of the community events our people support.", []string{"community"}},
	{"Carbon footprint of business travel", "Show the footprint of each trip when it is booked.", []string{"environment", "travel"}},
	{"Local suppliers for office catering", "Buy catering from local businesses.", []string{"community", "environment"}},
	{"Feedback Fridays", "Five minutes at the end of the week to give one piece of feedback.", []string{"feedback"}},
	{"Manager toolkit for hard conversations", "Short guides for the conversations managers dread.", []string{"leadership", "people"}},
	{"Pulse results shared within a week", "Teams see their pulse results within a week and pick one action.", []string{"engagement"}},
	{"Job shadowing for interns", "Interns spend a day in three departments.", []string{"learning", "onboarding"}},
	{"Bike repair day", "A mechanic in the car park twice a year.", []string{"commute", "wellbeing"}},
	{"Standing agenda item on safety", "Every meeting starts with a safety moment.", []string{"safety"}},
	{"Team volunteering matched to skills", "Match volunteering to what teams do best.", []string{"community", "skills"}},
	{"Digital receipts only", "Stop printing receipts and expense forms.", []string{"environment"}},
	{"Open calendar for leadership", "Leadership calendars open to everyone.", []string{"transparency", "leadership"}},
	{"Peer learning circles for new managers", "Groups of five new managers meet monthly.", []string{"leadership", "learning"}},
	{"Remote-first meeting etiquette", "Everyone joins on their own screen when one person is remote.", []string{"meetings", "inclusion"}},
	{"Accessibility review for internal tools", "Check our own tools for accessibility.", []string{"inclusion"}},
	{"Inclusive job descriptions", "Review job ads for language that puts people off.", []string{"inclusion", "hiring"}},
	{"Shadow board for young talent", "A group of early-career colleagues advises the leadership team.", []string{"leadership", "inclusion"}},
	{"Energy-saving weekend shutdown", "Switch off what we do not need at weekends.", []string{"environment", "energy"}},
	{"Purpose stories in the newsletter", "One story a month of purpose in daily work.", []string{"purpose", "stories"}},
	{"Welcome back plan after leave", "A plan for returning from parental or long leave.", []string{"people", "wellbeing"}},
	{"Idea of the month shout-out", "Leadership thanks the author of the most-voted idea.", []string{"recognition"}},
	{"Handover notes standard", "One template for handing over work.", []string{"collaboration"}},
	{"Customer day for everyone", "Everyone spends a day with customers each year.", []string{"customers"}},
	{"Time-zone fair meeting rota", "Rotate meeting times so no region always joins late.", []string{"inclusion", "meetings"}},
	{"Clear desk, clear mind Friday", "Tidy the week's loose ends on Friday afternoon.", []string{"focus"}},
	{"Green team in each location", "Volunteers who look after the site's environmental footprint.", []string{"environment"}},
	{"Lessons-learned library", "One place for project lessons learned.", []string{"learning", "collaboration"}},
	{"Second opinion on big decisions", "Ask someone from another department before big decisions.", []string{"collaboration", "decisions"}},
	{"Ethics question of the month", "A short dilemma discussed in team meetings.", []string{"ethics"}},
	{"Meeting-free focus weeks", "One week a quarter with half the usual meetings.", []string{"focus"}},
	{"Coffee with a new starter", "Each manager meets every new starter in their area.", []string{"onboarding"}},
	{"Walking meetings outdoors", "Short meetings outside when the weather allows.", []string{"wellbeing"}},
	{"Shared glossary across departments", "One glossary so departments speak the same language.", []string{"collaboration"}},
	{"Volunteer hours in team goals", "Add service hours to team goals.", []string{"community", "goals"}},
	{"Paperless onboarding", "Every onboarding form online.", []string{"environment", "onboarding"}},
}

var genericPractices = []postText{
	{"Weekly ten-minute team huddle", "Stand up, three questions, done: what did we learn, what is blocked, who needs help. Teams that tried it say it replaced two longer meetings.", []string{"meetings", "teams"}},
	{"Purpose check before saying yes", "Before taking on new work, the team asks which objective it serves. If none, it waits.", []string{"purpose", "focus"}},
	{"Pre-mortems for every launch", "Imagine the launch failed and list why, before it starts.", []string{"risk", "decisions"}},
	{"Rotating meeting facilitator", "Each week someone else runs the team meeting.", []string{"meetings", "leadership"}},
	{"Written agendas 24 hours ahead", "No agenda, no meeting.", []string{"meetings"}},
	{"Customer story at all-hands", "Every all-hands starts with a customer's story.", []string{"customers", "purpose"}},
	{"Safety walk with a colleague from another site", "Fresh eyes spot risks we no longer see.", []string{"safety", "collaboration"}},
	{"Quarterly values conversation", "Each quarter the team picks one value and discusses where it showed up.", []string{"values"}},
	{"Shared team inbox for requests", "Requests go to a shared inbox, not to individuals.", []string{"collaboration"}},
	{"Two-way check-ins", "Managers ask for feedback on themselves in every one-to-one.", []string{"feedback", "leadership"}},
	{"Demo day for small wins", "Once a month teams show what they finished.", []string{"recognition"}},
	{"Decision records", "A short written record for each significant decision: context, options, choice.", []string{"decisions", "transparency"}},
	{"Energy audit walk-through", "A quarterly walk through the site to switch off waste.", []string{"environment", "energy"}},
	{"Buddy check-ins for remote colleagues", "Remote colleagues are paired for a weekly chat.", []string{"wellbeing", "inclusion"}},
	{"Blameless incident reviews", "Reviews ask what happened and why, never who.", []string{"safety", "learning"}},
	{"Team learning budget", "Each team decides together how to spend its learning budget.", []string{"learning"}},
	{"Open goals board", "Team goals and their links to objectives on a visible board.", []string{"goals", "transparency"}},
	{"Monthly cross-team show and tell", "Teams show each other work in progress.", []string{"collaboration"}},
	{"Focus blocks on shared calendars", "Teams mark focus blocks others respect.", []string{"focus"}},
	{"Structured onboarding week", "A planned first week with a buddy and three departments visited.", []string{"onboarding"}},
	{"Exit conversations that teach", "Leavers are asked what would have kept them.", []string{"people", "feedback"}},
	{"Recognition in the moment", "Thank people when it happens, in front of peers.", []string{"recognition", "values"}},
	{"Meeting-free hour after lunch", "A quiet hour the whole team protects.", []string{"focus"}},
	{"Pulse action of the month", "After each pulse, the team chooses one action and reports back.", []string{"engagement"}},
	{"Rotating customer calls", "Everyone on the team joins a customer call each month.", []string{"customers"}},
	{"Mentor circle for new managers", "New managers meet monthly with two experienced ones.", []string{"leadership", "learning"}},
	{"Written handovers before leave", "A one-page handover before any leave longer than a week.", []string{"collaboration"}},
	{"Inclusive meeting rules", "Remote first, cameras optional, everyone speaks once before anyone twice.", []string{"inclusion", "meetings"}},
	{"Volunteer day as a team", "The team volunteers together once a year.", []string{"community"}},
	{"Goals reviewed in every check-in", "Goals are a standing item of every one-to-one.", []string{"goals"}},
	{"Start meetings with the purpose", "One sentence on why the meeting matters to our purpose.", []string{"purpose", "meetings"}},
	{"Carpool days", "Two days a week the team carpools.", []string{"environment", "commute"}},
	{"Lessons learned after every project", "Thirty minutes, three questions, one page.", []string{"learning"}},
	{"Skills swap sessions", "Colleagues teach each other one skill a month.", []string{"learning", "collaboration"}},
	{"Plain-language updates", "Updates written so someone from another department understands them.", []string{"transparency", "collaboration"}},
}

var genericStories = []postText{
	{"The day the night shift taught us", "We spent a night with the night shift and came back with six fixes and a lot of respect.", []string{"collaboration", "learning"}},
	{"How a customer's letter changed our plan", "A customer wrote to say our product mattered to her family. We changed the roadmap.", []string{"customers", "purpose"}},
	{"Our first volunteer day", "Twelve of us, one community garden, and conversations we never have at work.", []string{"community"}},
	{"What I learned from my new team", "Moving departments taught me how differently we see the same problem.", []string{"collaboration", "learning"}},
	{"A near miss that made us better", "We almost had an accident. The review changed how we work.", []string{"safety"}},
	{"Saying no to a good deal", "We walked away from a contract that did not fit our values.", []string{"values", "ethics"}},
	{"Mentoring went both ways", "I mentored a new manager and learned more than I taught.", []string{"leadership", "learning"}},
	{"The hackathon team that kept going", "Our hackathon idea became real work three months later.", []string{"hackathon", "collaboration"}},
	{"Why I joined the service corps", "I wanted to use my skills for my town. I found new colleagues too.", []string{"community", "service"}},
	{"Finding the purpose in routine work", "Invoices are not exciting; who they pay is.", []string{"purpose"}},
	{"A meeting we cancelled for good", "We stopped a weekly meeting and nobody missed it.", []string{"focus", "meetings"}},
	{"Two departments, one whiteboard", "We drew the process together and saw the gap at once.", []string{"collaboration"}},
	{"Learning to listen in one-to-ones", "I started asking more and talking less.", []string{"leadership", "feedback"}},
	{"The apprentice who fixed our process", "A fresh pair of eyes saw what we had stopped seeing.", []string{"learning", "inclusion"}},
	{"When the team set its own goals", "Engagement rose when the team wrote its own goals.", []string{"goals", "engagement"}},
	{"A year of walking one-to-ones", "What changed when we stood up and walked.", []string{"wellbeing", "leadership"}},
	{"How we cut our travel by half", "Video calls, carpools and fewer but better visits.", []string{"environment", "travel"}},
	{"The first pulse we acted on", "We changed one thing and said so. Trust went up.", []string{"engagement"}},
	{"Welcoming a colleague back from leave", "A plan made the return easier for everyone.", []string{"people", "wellbeing"}},
	{"What the community taught our managers", "Volunteering showed us leadership without titles.", []string{"community", "leadership"}},
	{"A small idea, implemented", "It took one month from the ideas hub to the whole department.", []string{"innovation"}},
	{"Stories from the shop floor", "Colleagues told us what purpose means on a Monday morning.", []string{"purpose", "stories"}},
}

// declineReasons are kind, specific reasons for declined ideas.
var declineReasons = []string{
	"A good thought, but it would duplicate the project already running in operations; please join that one instead.",
	"We tried something close to this two years ago and the cost was too high for the benefit. Happy to revisit with new numbers.",
	"It conflicts with our safety rules as written. If you can find a safe variant, please post it again.",
	"Not this year: the budget is committed. We have noted it for next year's planning.",
	"The data we would need does not exist yet; the data team will let us know when it does.",
}

// commentTexts and replyTexts are what colleagues say under posts.
var commentTexts = []string{
	"We tried something similar in our team; happy to share what worked.",
	"Love this. Who would own it after the pilot?",
	"How would we measure whether it works?",
	"This would help new starters a lot.",
	"Could we try it in one location first?",
	"Strong yes from our side. Count us in for a pilot.",
	"What would it cost, roughly?",
	"This connects nicely to our objective on customers.",
	"I worry about the extra workload at peak season.",
	"Great to see this written down; we have talked about it for months.",
	"Our partner organizations would welcome this.",
	"Let's make sure remote colleagues can take part too.",
}

var replyTexts = []string{
	"Good question: the team lead would own it, with a review after three months.",
	"Yes, please share. I'll send you a message.",
	"We would start small and measure before and after.",
	"Agreed, let's pick a quiet month to start.",
	"Thanks! I'll add that to the proposal.",
}

// reflectionTexts are service corps reflections.
var reflectionTexts = []string{
	"I expected to give my time; I did not expect how much I would learn about listening.",
	"Working next to colleagues from other departments showed me how much we assume about each other.",
	"The partner's coordinator ran the day better than most projects I have seen at work.",
	"I was nervous teaching, and the children were patient with me.",
	"We finished early because everyone stepped in without being asked. I want that on my own team.",
	"Hard physical work and a long conversation about why our purpose matters outside the office.",
}

var motivationTexts = []string{
	"I grew up near here and want to give something back.",
	"I want to use my skills outside work and meet colleagues from other teams.",
	"This project connects directly to our purpose, and I want to see it in practice.",
	"My team works on this problem every day; I want to see it from the community's side.",
	"I have volunteered with this partner before and would love to continue.",
	"I am a new manager and want to practise leading without a title.",
}

// logNotes are the notes people leave when they log service hours.
var logNotes = []string{"", "Good day with the partner's team.", "Rain in the afternoon; we finished indoors.", "Trained two new volunteers.",
	"Ran out of materials; ordered more.", "The partner asked us back next month.", ""}

var memberRoles = []string{"Data and measurement", "Partner liaison", "Field pilot", "Communications", "Finance", "Design", "Operations", "Research", "Customer insight", "Logistics"}
