package score

import (
	"throughline/internal/model"
)

// ProgramProgress computes a participant's progress through a program in a cohort that
// starts on start, given when each module was completed (module id → Unix time; absent
// when not done), as of today (YYYY-MM-DD).
//
//   - A module is done when it has a completion. It is available when every one of its
//     prerequisites is done, and locked otherwise. A done module stays done even if a
//     prerequisite was later undone (a facilitator may record it out of order).
//   - A module's due date is its fixed date, or the cohort's start plus its offset in
//     days (model.DevModule.DueFor). It is overdue when that date has passed (strictly
//     before today) and it is not done.
//   - completion % = 100 × completed required modules ÷ required modules. When a program
//     marks no module as required, every module counts as required, so a program of
//     optional modules still shows progress. With no modules at all it is 0.
//   - The participant is complete when every required module is done, and behind when a
//     required module is overdue.
func ProgramProgress(modules []model.DevModule, done map[int64]int64, start, today string) model.Progress {
	anyRequired := false
	for _, m := range modules {
		if m.Required {
			anyRequired = true
			break
		}
	}
	title := make(map[int64]string, len(modules))
	for _, m := range modules {
		title[m.ID] = m.Title
	}
	var p model.Progress
	for _, m := range modules {
		mp := model.ModuleProgress{Module: m, DueOn: m.DueFor(start), DoneAt: done[m.ID]}
		required := m.Required || !anyRequired
		switch {
		case mp.DoneAt > 0:
			mp.State = model.StateDone
			p.Done++
		default:
			mp.State = model.StateAvailable
			for _, pre := range m.Prereqs {
				if done[pre] == 0 {
					mp.State = model.StateLocked
					if t, ok := title[pre]; ok {
						mp.Waiting = append(mp.Waiting, t)
					}
				}
			}
			mp.Overdue = mp.DueOn != "" && mp.DueOn < today
		}
		if required {
			p.Required++
			if mp.State == model.StateDone {
				p.Completed++
			}
			if mp.Overdue {
				p.Overdue++
			}
		}
		p.Modules = append(p.Modules, mp)
	}
	if p.Required > 0 {
		p.Percent = 100 * float64(p.Completed) / float64(p.Required)
		p.Complete = p.Completed == p.Required
	}
	p.Behind = p.Overdue > 0
	return p
}

// Available reports whether a module may be completed now: it is not done and every
// prerequisite is done.
func Available(m model.DevModule, done map[int64]int64) bool {
	if done[m.ID] > 0 {
		return false
	}
	for _, pre := range m.Prereqs {
		if done[pre] == 0 {
			return false
		}
	}
	return true
}

// CohortOnTrack reports whether a cohort is on track: at most one participant in five
// (model.OnTrackShare) is behind. A cohort without participants is on track.
func CohortOnTrack(participants, behind int) bool {
	if participants == 0 {
		return true
	}
	return float64(behind) <= model.OnTrackShare*float64(participants)
}

// MeanPercent is the mean of progress percentages, 0 for none.
func MeanPercent(ps []model.Progress) float64 {
	if len(ps) == 0 {
		return 0
	}
	sum := 0.0
	for _, p := range ps {
		sum += p.Percent
	}
	return sum / float64(len(ps))
}

// Spread turns a dilemma's choices (option id → number of participants who chose it)
// into counts and shares per option, in the options' order. With fewer than
// model.MinChoices answers nothing is shown: no count, not even the number of answers,
// since a facilitator who knows who answered could otherwise tell who chose what.
func Spread(options []model.DilemmaOption, counts map[int64]int) (shown bool, answers int, out []model.OptionCount) {
	for _, o := range options {
		answers += counts[o.ID]
	}
	if answers < model.MinChoices {
		return false, 0, nil
	}
	for _, o := range options {
		n := counts[o.ID]
		out = append(out, model.OptionCount{Label: o.Label, Count: n, Share: float64(n) / float64(answers)})
	}
	return true, answers, out
}
