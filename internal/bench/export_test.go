package bench

// Internals the benchmarks and tests of package bench_test reach.
var (
	AttainmentSQL   = attainmentSQL
	AnswersSQL      = answersSQL
	SyntheticPeople = syntheticPeople
	RawInsertPeople = rawInsertPeople
	OpenScratch     = openScratch
	ParseStatus     = parseStatus
	Percentile      = percentile
)
