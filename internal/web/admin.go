package web

import (
	"errors"
	"net/http"
	"strings"

	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// AccountsPage lists accounts for admin.
type AccountsPage struct {
	Page
	Query   string
	Role    model.Role
	Results model.List[model.Account]
	Form    Form
}

func (h *Handler) accountsPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	p := &AccountsPage{Page: Page{Title: "Accounts", Section: "accounts"}, Query: strings.TrimSpace(q.Get("q")), Role: model.Role(q.Get("role")), Form: form}
	var err error
	p.Results, err = h.core.Accounts(r.Context(), actor, model.AccountFilter{Query: p.Query, Role: p.Role, Page: model.Page{Limit: 50, Offset: queryInt(r, "offset", 0)}})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "accounts", p)
}

func (h *Handler) adminAccounts(w http.ResponseWriter, r *http.Request) {
	h.accountsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) adminCreateAccount(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.AccountInput{Login: r.PostForm.Get("login"), DisplayName: r.PostForm.Get("display_name"),
		Role: model.Role(r.PostForm.Get("role")), Password: r.PostForm.Get("password")}
	a, err := h.core.CreateAccount(r.Context(), actor, in)
	if code := model.ErrorCodeOf(err); code == model.CodeInvalid || code == model.CodeConflict {
		form := formFrom(r, err)
		form.Values.Del("password")
		if len(form.Errors) == 0 {
			form.Errors["login"] = model.ErrorMessageOf(err)
		}
		h.accountsPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/accounts/"+itoa(a.ID), "success", "Account created for "+a.Login+".")
}

// AccountAdminPage is one account, for admin.
type AccountAdminPage struct {
	Page
	Account  model.Account
	Password Form
}

func (h *Handler) adminAccountPage(w http.ResponseWriter, r *http.Request, status int, pw Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.core.Account(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "account_admin", &AccountAdminPage{Page: Page{Title: a.Login, Section: "accounts"}, Account: a, Password: pw})
}

func (h *Handler) adminAccount(w http.ResponseWriter, r *http.Request) {
	h.adminAccountPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) adminSetRole(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err == nil {
		err = h.core.SetRole(r.Context(), actor, id, model.Role(r.PostForm.Get("role")))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/accounts/"+itoa(id), "success", "Role changed.")
}

func (h *Handler) adminSetPassword(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.core.SetPassword(r.Context(), actor, id, r.PostForm.Get("password"))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.adminAccountPage(w, r, http.StatusUnprocessableEntity, Form{Errors: model.FieldsOf(err)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/admin/accounts/"+itoa(id), "success", "Password set. The account's sessions were signed out.")
}

func (h *Handler) adminSetActive(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	active := r.PostForm.Get("active") == "1"
	if err == nil {
		err = h.core.SetAccountActive(r.Context(), actor, id, active)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := "Account disabled; its sessions were signed out."
	if active {
		msg = "Account enabled."
	}
	h.redirect(w, r, "/admin/accounts/"+itoa(id), "success", msg)
}

// ImportPage is the people upload form and, after a dry run or a rejected file, its
// result.
type ImportPage struct {
	Page
	Report  *model.ImportReport
	Lines   []model.LineError
	Message string
	Recent  []model.ImportReport
	Form    Form
}

func (h *Handler) importForm(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	recent, err := h.core.RecentImports(r.Context(), actor, 10)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "import", &ImportPage{Page: Page{Title: "Import people", Section: "import"}, Recent: recent})
}

func (h *Handler) importPeople(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleAdmin, model.RoleHR) {
		h.fail(w, r, model.Forbidden())
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, csvio.MaxFileBytes+1<<20)
	p := &ImportPage{Page: Page{Title: "Import people", Section: "import"}}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		if _, big := httpx.TooLarge(err); big {
			h.fail(w, r, model.TooLarge("file", csvio.MaxFileBytes))
			return
		}
		p.Form = Form{Errors: map[string]string{"file": "Choose a CSV file to upload (at most 64 MiB)."}}
		h.renderImport(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	defer file.Close()
	opts := model.PeopleImportOptions{
		DryRun: r.FormValue("dry_run") == "1", DeactivateMissing: r.FormValue("deactivate_missing") == "1", Filename: hdr.Filename,
	}
	p.Form = Form{Values: r.PostForm}
	batch, err := csvio.ReadPeople(file)
	var report model.ImportReport
	if err == nil {
		report, err = h.core.ImportPeople(r.Context(), actor, batch, opts)
	} else {
		var ie *model.ImportError
		if errors.As(err, &ie) {
			err = ie.AsError()
		}
	}
	if err != nil {
		var ie *model.ImportError
		if !errors.As(err, &ie) {
			h.fail(w, r, err)
			return
		}
		p.Lines, p.Message = ie.Lines, model.ErrorMessageOf(err)
		h.renderImport(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if opts.DryRun {
		p.Report = &report
		h.renderImport(w, r, http.StatusOK, p)
		return
	}
	h.redirect(w, r, "/admin/import", "success", report.Summary())
}

func (h *Handler) renderImport(w http.ResponseWriter, r *http.Request, status int, p *ImportPage) {
	actor := httpx.ActorFrom(r.Context())
	recent, err := h.core.RecentImports(r.Context(), actor, 10)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Recent = recent
	h.render(w, r, status, "import", p)
}

func (h *Handler) exportPeople(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	people, err := h.core.ExportPeople(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="people.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := csvio.WritePeople(w, people); err != nil {
		httpx.Logger(r.Context()).Error("export people", "err", err.Error())
	}
}

// HelpImportPage documents the people file.
type HelpImportPage struct {
	Page
	Headers [][2]string
}

func (h *Handler) helpImport(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.requireActor(w, r); !ok {
		return
	}
	h.render(w, r, http.StatusOK, "help_import", &HelpImportPage{Page: Page{Title: "People files"}, Headers: csvio.PeopleHeaderHelp()})
}
