package core_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"throughline/internal/csvio"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// peopleBatch builds n people in a tree with spans of eight.
func peopleBatch(n int) model.PeopleBatch {
	b := model.PeopleBatch{Rows: make([]model.PersonRow, n)}
	depts := []string{"Field Operations", "Agronomy", "Supply Chain", "Sales", "Finance", "People"}
	locs := []string{"Iowa", "Nebraska", "Saskatchewan", "Ontario"}
	for i := range b.Rows {
		mgr := ""
		if i > 0 {
			mgr = fmt.Sprintf("E%06d", (i-1)/8)
		}
		b.Rows[i] = model.PersonRow{Line: i + 2, HasRole: true, PersonInput: model.PersonInput{
			EmployeeID: fmt.Sprintf("E%06d", i), Name: fmt.Sprintf("Person %d", i), Email: fmt.Sprintf("p%d@example.org", i),
			Title: "Specialist", Department: depts[i%len(depts)], Location: locs[i%len(locs)], ManagerEmployeeID: mgr,
			HireDate: "2020-01-02", Active: true, Role: model.RoleEmployee,
		}}
	}
	return b
}

// BenchmarkImportPeople100k imports a 100,000-line people file (with a role column, so
// everyone gets an account) into an empty database: CSV parsing, every check, and the
// writes, as `throughline import people` does.
func BenchmarkImportPeople100k(b *testing.B) {
	var file bytes.Buffer
	rows := peopleBatch(100_000).Rows
	people := make([]model.PersonInput, len(rows))
	for i, r := range rows {
		people[i] = r.PersonInput
	}
	if err := csvio.WritePeople(&file, people); err != nil {
		b.Fatal(err)
	}
	for _, engine := range dbtest.EngineNames() {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				db := dbtest.Open(b, engine)
				c := dbtest.NewCore(db)
				b.StartTimer()
				batch, err := csvio.ReadPeople(bytes.NewReader(file.Bytes()))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.ImportPeople(context.Background(), model.System, batch, model.PeopleImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkReimportPeople100k re-imports the same 100,000 people: the diff finds nothing
// to change.
func BenchmarkReimportPeople100k(b *testing.B) {
	db := dbtest.Open(b, store.SQLite)
	c := dbtest.NewCore(db)
	batch := peopleBatch(100_000)
	if _, err := c.ImportPeople(context.Background(), model.System, batch, model.PeopleImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rep, err := c.ImportPeople(context.Background(), model.System, batch, model.PeopleImportOptions{})
		if err != nil || rep.Unchanged != 100_000 {
			b.Fatal(err, rep.Summary())
		}
	}
}
