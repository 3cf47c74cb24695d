package stats

import (
	"math"
	"sort"
)

// Unit is one team in an impact study: its outcome before (Base) and after (Follow).
type Unit struct {
	ID     int64
	Base   float64
	Follow float64
}

// DiD is a difference-in-differences estimate with its 95% confidence interval.
//
// Each team's change is Δ = Follow − Base. The estimate is the mean change of the
// treated teams minus the mean change of the comparison teams:
//
//	DiD = mean(Δ_treated) − mean(Δ_comparison)
//
// Its standard error is Welch's, which does not assume equal variances:
//
//	SE = sqrt(s²_T/n_T + s²_C/n_C)
//
// and the interval is DiD ± t(0.975, df)·SE with the Welch–Satterthwaite degrees of
// freedom. Comparing changes, not levels, removes differences between the groups
// that were there before the program; the estimate still assumes both groups would
// have changed alike without it (parallel trends), which matching on the baseline
// makes more plausible but cannot prove.
type DiD struct {
	Estimate      float64
	Low, High     float64 // the 95% confidence interval
	SE            float64
	DF            float64
	NTreated      int
	NControl      int
	TreatedChange float64
	ControlChange float64
	EnoughData    bool // at least MinUnits on each side
}

// MinUnits is the smallest number of teams on each side for an estimate: below it the
// verdict is "not enough data to say".
const MinUnits = 5

// DifferenceInDifferences estimates the effect from treated and comparison teams.
func DifferenceInDifferences(treated, control []Unit) DiD {
	d := DiD{NTreated: len(treated), NControl: len(control)}
	if len(treated) < 2 || len(control) < 2 {
		d.Low, d.High, d.Estimate = math.NaN(), math.NaN(), math.NaN()
		return d
	}
	mt, vt := meanVar(changes(treated))
	mc, vc := meanVar(changes(control))
	nt, nc := float64(len(treated)), float64(len(control))
	d.TreatedChange, d.ControlChange = mt, mc
	d.Estimate = mt - mc
	a, b := vt/nt, vc/nc
	d.SE = math.Sqrt(a + b)
	if a+b == 0 {
		d.DF = nt + nc - 2
	} else {
		d.DF = (a + b) * (a + b) / (a*a/(nt-1) + b*b/(nc-1))
	}
	q := TQuantile975(d.DF)
	d.Low, d.High = d.Estimate-q*d.SE, d.Estimate+q*d.SE
	d.EnoughData = len(treated) >= MinUnits && len(control) >= MinUnits
	return d
}

func changes(us []Unit) []float64 {
	out := make([]float64, len(us))
	for i, u := range us {
		out[i] = u.Follow - u.Base
	}
	return out
}

// meanVar returns the mean and the sample variance (n − 1).
func meanVar(xs []float64) (float64, float64) {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	m := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	if len(xs) < 2 {
		return m, 0
	}
	return m, ss / float64(len(xs)-1)
}

// t975 holds Student's t quantile at 0.975 for 1 to 30 degrees of freedom.
var t975 = []float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// TQuantile975 is Student's t quantile at 0.975 for df degrees of freedom: from the
// table up to 30 (interpolated for fractional df), and beyond by the Cornish–Fisher
// expansion around the normal quantile 1.95996, whose error there is below 0.001.
func TQuantile975(df float64) float64 {
	switch {
	case math.IsNaN(df) || df < 1:
		return math.NaN()
	case df <= 30:
		lo := int(math.Floor(df))
		if float64(lo) == df || lo >= 30 {
			return t975[lo-1]
		}
		f := df - float64(lo)
		return t975[lo-1]*(1-f) + t975[lo]*f
	}
	z := 1.959963984540054
	z3, z5 := z*z*z, z*z*z*z*z
	return z + (z3+z)/(4*df) + (5*z5+16*z3+3*z)/(96*df*df)
}

// MatchCandidate is a possible comparison team for matching.
type MatchCandidate struct {
	ID       int64
	Group    string  // department and level: matches stay inside a group
	TeamSize float64 // direct reports
	Baseline float64 // the outcome before the program
}

// Match pairs each treated team with the nearest untreated team of the same group
// (department and level), without replacement: nearest by the standardized distance
//
//	d = sqrt(((size_t − size_c)/sd_size)² + ((base_t − base_c)/sd_base)²)
//
// where the standard deviations are over all candidates. Treated teams are matched in
// order of their id, so the result is deterministic. A treated team with no untreated
// team left in its group stays unmatched and is left out of the estimate.
func Match(treated, pool []MatchCandidate) map[int64]int64 {
	sdSize := stddev(pool, func(c MatchCandidate) float64 { return c.TeamSize })
	sdBase := stddev(pool, func(c MatchCandidate) float64 { return c.Baseline })
	used := map[int64]bool{}
	ts := append([]MatchCandidate(nil), treated...)
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
	out := map[int64]int64{}
	for _, t := range ts {
		best, bestD := int64(0), math.Inf(1)
		for _, c := range pool {
			if c.Group != t.Group || used[c.ID] || c.ID == t.ID {
				continue
			}
			ds := (t.TeamSize - c.TeamSize) / sdSize
			db := (t.Baseline - c.Baseline) / sdBase
			d := math.Sqrt(ds*ds + db*db)
			if d < bestD || (d == bestD && c.ID < best) {
				best, bestD = c.ID, d
			}
		}
		if best != 0 {
			used[best] = true
			out[t.ID] = best
		}
	}
	return out
}

func stddev(cs []MatchCandidate, f func(MatchCandidate) float64) float64 {
	if len(cs) < 2 {
		return 1
	}
	xs := make([]float64, len(cs))
	for i, c := range cs {
		xs[i] = f(c)
	}
	_, v := meanVar(xs)
	if v <= 0 {
		return 1
	}
	return math.Sqrt(v)
}
