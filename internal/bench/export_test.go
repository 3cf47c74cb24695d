package bench

import (
	"context"
	"net/http"

	"throughline/internal/core"
)

// Internals the benchmarks and tests of package bench_test reach.
var (
	AttainmentSQL   = attainmentSQL
	AnswersSQL      = answersSQL
	SyntheticPeople = syntheticPeople
	RawInsertPeople = rawInsertPeople
	ParseStatus     = parseStatus
	Percentile      = percentile
)

// IndexInputs runs the recompute's plain query per index input for a period, in one
// read, and returns the rows they gave.
func IndexInputs(ctx context.Context, c *core.Core, period string) (int, error) {
	qs, err := indexInputQueries(period)
	if err != nil {
		return 0, err
	}
	return readInputs(ctx, c.DB(), qs)
}

// Pages starts an in-process server over c, signs in, and returns a getter of each
// endpoint's i-th request, the endpoint names in order, and the stop function.
func Pages(ctx context.Context, c *core.Core, password string) (func(name string, i int) error, []string, func(), error) {
	t, err := findTargets(ctx, c)
	if err != nil {
		return nil, nil, nil, err
	}
	srv, err := startServer(ctx, c, Options{InProcess: true})
	if err != nil {
		return nil, nil, nil, err
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cookies := map[string]string{}
	for role, ls := range t.logins {
		if cookies[role], err = signIn(ctx, client, srv.url, ls[0].login, password); err != nil {
			srv.stop()
			return nil, nil, nil, err
		}
	}
	eps := map[string]endpoint{}
	var names []string
	for _, ep := range endpoints(t) {
		eps[ep.name] = ep
		names = append(names, ep.name)
	}
	getter := func(name string, i int) error {
		ep := eps[name]
		_, err := get(ctx, client, srv.url+ep.paths[i%len(ep.paths)], cookies[ep.role])
		return err
	}
	return getter, names, srv.stop, nil
}
