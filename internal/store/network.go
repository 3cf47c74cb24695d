package store

import (
	"context"

	"throughline/internal/model"
)

// NetworkPerson is the compact form of an active person for network measures.
type NetworkPerson struct {
	ID             int64
	Name           string
	DepartmentID   int64
	DepartmentName string
	LocationName   string
	ManagerID      int64
	Path           string
	Depth          int
	Override       *bool // the middle-manager override
}

// NetworkPeople loads every active person in compact form, by id.
func (tx *Tx) NetworkPeople(ctx context.Context) ([]NetworkPerson, error) {
	return collectRows(ctx, tx, "network people", `SELECT p.id, p.name, COALESCE(p.department_id, 0), COALESCE(d.name, ''), COALESCE(l.name, ''),
		COALESCE(p.manager_id, 0), p.path, p.depth, p.mm_override
		FROM people p LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN locations l ON l.id = p.location_id
		WHERE p.active ORDER BY p.id`, nil, func(s rowScanner) (NetworkPerson, error) {
		var p NetworkPerson
		err := s.Scan(&p.ID, &p.Name, &p.DepartmentID, &p.DepartmentName, &p.LocationName, &p.ManagerID, &p.Path, &p.Depth, &p.Override)
		return p, err
	})
}

// CollabGroup is one activity and the people who took part in it.
type CollabGroup struct {
	Kind    model.CollabKind
	ID      int64
	Title   string
	StartOn string
	EndOn   string
	Members []int64
}

// CollabGroups loads every activity that overlaps the days from–to (inclusive) with
// its participants: initiative members, hackathon team members, the selected members
// of service projects, and the authors and co-authors of posts that have co-authors.
// An open-ended initiative runs until today. When person is not 0, only the activities
// that person took part in are loaded.
func (tx *Tx) CollabGroups(ctx context.Context, from, to string, person int64) ([]CollabGroup, error) {
	type row struct {
		id                int64
		title, start, end string
		person            int64
	}
	scan := func(s rowScanner) (row, error) {
		var r row
		err := s.Scan(&r.id, &r.title, &r.start, &r.end, &r.person)
		return r, err
	}
	var out []CollabGroup
	add := func(kind model.CollabKind, rs []row) {
		for _, r := range rs {
			if n := len(out); n == 0 || out[n-1].Kind != kind || out[n-1].ID != r.id {
				out = append(out, CollabGroup{Kind: kind, ID: r.id, Title: r.title, StartOn: r.start, EndOn: r.end})
			}
			g := &out[len(out)-1]
			if len(g.Members) == 0 || g.Members[len(g.Members)-1] != r.person {
				g.Members = append(g.Members, r.person)
			}
		}
	}
	today := tx.now.UTC().Format("2006-01-02")
	rs, err := collectRows(ctx, tx, "initiative groups", `SELECT i.id, i.title, i.starts_on, CASE WHEN i.ends_on = '' THEN ? ELSE i.ends_on END, m.person_id
		FROM initiatives i JOIN initiative_members m ON m.initiative_id = i.id
		WHERE i.starts_on <= ? AND (i.ends_on = '' OR i.ends_on >= ?)`+only("i.id", "SELECT initiative_id FROM initiative_members WHERE person_id = ?", person)+` ORDER BY i.id, m.person_id`,
		withPerson([]any{today, to, from}, person), scan)
	if err != nil {
		return nil, err
	}
	add(model.CollabInitiative, rs)
	rs, err = collectRows(ctx, tx, "hackathon groups", `SELECT t.id, h.title || ': ' || t.name, h.starts_on, h.ends_on, r.person_id
		FROM hackathon_teams t JOIN hackathons h ON h.id = t.hackathon_id JOIN hackathon_registrations r ON r.team_id = t.id
		WHERE h.starts_on <= ? AND h.ends_on >= ?`+only("t.id", "SELECT team_id FROM hackathon_registrations WHERE person_id = ?", person)+` ORDER BY t.id, r.person_id`,
		withPerson([]any{to, from}, person), scan)
	if err != nil {
		return nil, err
	}
	add(model.CollabHackathon, rs)
	rs, err = collectRows(ctx, tx, "service groups", `SELECT pr.id, pr.title, pr.starts_on, pr.ends_on, a.person_id
		FROM service_projects pr JOIN service_applications a ON a.project_id = pr.id AND a.status = 'selected'
		WHERE pr.starts_on <= ? AND pr.ends_on >= ?`+only("pr.id", "SELECT project_id FROM service_applications WHERE status = 'selected' AND person_id = ?", person)+` ORDER BY pr.id, a.person_id`,
		withPerson([]any{to, from}, person), scan)
	if err != nil {
		return nil, err
	}
	add(model.CollabService, rs)
	// Posts: the author and every co-author, on the day the post was written.
	type prow struct {
		id, at, author, co int64
		title              string
	}
	ps, err := collectRows(ctx, tx, "post groups", `SELECT po.id, po.title, po.created_at, po.author_person_id, c.person_id
		FROM posts po JOIN post_coauthors c ON c.post_id = po.id WHERE po.created_at >= ? AND po.created_at < ?`+
		only("po.id", "SELECT id FROM posts WHERE author_person_id = ? UNION SELECT post_id FROM post_coauthors WHERE person_id = ?", person)+` ORDER BY po.id, c.person_id`,
		withPerson(withPerson([]any{dayStart(from), dayStart(to) + 86400}, person), person), func(s rowScanner) (prow, error) {
			var r prow
			err := s.Scan(&r.id, &r.title, &r.at, &r.author, &r.co)
			return r, err
		})
	if err != nil {
		return nil, err
	}
	for _, r := range ps {
		if n := len(out); n == 0 || out[n-1].Kind != model.CollabCoAuthor || out[n-1].ID != r.id {
			day := unixDay(r.at)
			out = append(out, CollabGroup{Kind: model.CollabCoAuthor, ID: r.id, Title: r.title, StartOn: day, EndOn: day, Members: []int64{r.author}})
		}
		g := &out[len(out)-1]
		if r.co != r.author {
			g.Members = append(g.Members, r.co)
		}
	}
	return out, nil
}

// only restricts a group query to the groups of one person: col IN (sub), where sub
// selects them with ? for the person; nothing when person is 0.
func only(col, sub string, person int64) string {
	if person == 0 {
		return ""
	}
	return " AND " + col + " IN (" + sub + ")"
}

// withPerson appends the person to a group query's arguments when it is restricted.
func withPerson(args []any, person int64) []any {
	if person == 0 {
		return args
	}
	return append(args, person)
}

// Authorship is one person writing (or co-writing) one post at an instant.
type Authorship struct {
	PersonID int64
	PostID   int64
	At       int64
}

// Authorships lists who wrote or co-wrote the posts written between two days
// (inclusive).
func (tx *Tx) Authorships(ctx context.Context, from, to string) ([]Authorship, error) {
	return collectRows(ctx, tx, "authorships", `SELECT author_person_id, id, created_at FROM posts WHERE created_at >= ? AND created_at < ?
		UNION ALL SELECT c.person_id, po.id, po.created_at FROM posts po JOIN post_coauthors c ON c.post_id = po.id WHERE po.created_at >= ? AND po.created_at < ?`,
		[]any{dayStart(from), dayStart(to) + 86400, dayStart(from), dayStart(to) + 86400}, func(s rowScanner) (Authorship, error) {
			var a Authorship
			err := s.Scan(&a.PersonID, &a.PostID, &a.At)
			return a, err
		})
}

// NetworkPeopleCompact loads every active person as NetworkPeople does, by id, with
// only the numbers the measures need (id, department, manager, the middle-manager
// override): no names, no path. For the Purpose Leadership Index, which reads the
// measures' counts only.
func (tx *Tx) NetworkPeopleCompact(ctx context.Context) ([]NetworkPerson, error) {
	return collectRows(ctx, tx, "network people", `SELECT id, COALESCE(department_id, 0), COALESCE(manager_id, 0), mm_override
		FROM people WHERE active ORDER BY id`, nil, func(s rowScanner) (NetworkPerson, error) {
		var p NetworkPerson
		err := s.Scan(&p.ID, &p.DepartmentID, &p.ManagerID, &p.Override)
		return p, err
	})
}
