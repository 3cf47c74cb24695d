package cli

import (
	"strings"
	"testing"
)

func TestBenchHelp(t *testing.T) {
	code, out, errs := run(t, nil, "", "bench", "--help")
	if code != 0 {
		t.Fatalf("bench --help: exit %d, %q", code, errs)
	}
	for _, want := range []string{"Usage: throughline bench", "-people", "-requests", "-json", "-scenario", "-seed", "-db"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench --help does not mention %q:\n%s", want, out)
		}
	}
	if code, _, _ := run(t, nil, "", "bench", "--requests", "0"); code != 1 {
		t.Errorf("bench --requests 0: exit %d, want 1", code)
	}
}
