package store

import (
	"context"
	"database/sql"

	"throughline/internal/model"
)

const accountColumns = `a.id, COALESCE(a.person_id, 0), a.login, a.display_name, a.role, a.active,
	a.password_hash IS NOT NULL, a.created_at, a.last_sign_in_at`

func scanAccount(s interface{ Scan(...any) error }) (model.Account, error) {
	var a model.Account
	var role string
	err := s.Scan(&a.ID, &a.PersonID, &a.Login, &a.DisplayName, &role, &a.Active, &a.HasPassword, &a.CreatedAt, &a.LastSignInAt)
	a.Role = model.Role(role)
	return a, err
}

// FindAccountByID returns one account.
func (tx *Tx) FindAccountByID(ctx context.Context, id int64) (model.Account, error) {
	a, err := scanAccount(tx.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.id = ?`, id))
	return a, wrap("find account", err)
}

// FindAccountByLogin returns the account with this login, case-insensitively.
func (tx *Tx) FindAccountByLogin(ctx context.Context, login string) (model.Account, error) {
	a, err := scanAccount(tx.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.login_key = ?`, model.FoldKey(login)))
	return a, wrap("find account", err)
}

// FindAccountByPersonID returns the account of a person.
func (tx *Tx) FindAccountByPersonID(ctx context.Context, personID int64) (model.Account, error) {
	a, err := scanAccount(tx.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE a.person_id = ?`, personID))
	return a, wrap("find account", err)
}

// PasswordHash returns the stored hash of an account's password ("" when none).
func (tx *Tx) PasswordHash(ctx context.Context, accountID int64) (string, error) {
	var h sql.NullString
	err := tx.queryRow(ctx, `SELECT password_hash FROM accounts WHERE id = ?`, accountID).Scan(&h)
	return h.String, wrap("password hash", err)
}

// FindAccounts returns one page of accounts by login.
func (tx *Tx) FindAccounts(ctx context.Context, f model.AccountFilter) ([]model.Account, int, error) {
	f.Page = f.Page.Normalize()
	var conds []string
	var args []any
	if q := model.FoldKey(f.Query); q != "" {
		conds = append(conds, `(a.login_key LIKE ? ESCAPE '\' OR lower(a.display_name) LIKE ? ESCAPE '\')`)
		args = append(args, likePattern(q), likePattern(q))
	}
	if f.Role != "" {
		conds = append(conds, "a.role = ?")
		args = append(args, string(f.Role))
	}
	total, err := tx.count(ctx, `SELECT count(*) FROM accounts a`+where(conds), args...)
	if err != nil || total == 0 {
		return nil, 0, wrap("find accounts", err)
	}
	rows, err := tx.query(ctx, `SELECT `+accountColumns+` FROM accounts a`+where(conds)+` ORDER BY a.login_key LIMIT ? OFFSET ?`,
		append(args, f.Page.Limit, f.Page.Offset)...)
	if err != nil {
		return nil, 0, wrap("find accounts", err)
	}
	defer rows.Close()
	var out []model.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, 0, wrap("find accounts", err)
		}
		out = append(out, a)
	}
	return out, total, wrap("find accounts", rows.Err())
}

// CreateAccount inserts an account. passwordHash may be "" for no password.
func (tx *Tx) CreateAccount(ctx context.Context, in model.AccountInput, passwordHash string) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO accounts (person_id, login, login_key, display_name, role, password_hash, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)`,
		nullInt64(in.PersonID), in.Login, model.FoldKey(in.Login), in.DisplayName, string(in.Role), nullString(passwordHash), now, now)
	return id, wrap("create account", err)
}

// InsertAccounts creates many accounts without passwords, for imports.
func (tx *Tx) InsertAccounts(ctx context.Context, ins []model.AccountInput) error {
	now := tx.now.Unix()
	rows := make([][]any, len(ins))
	for i, in := range ins {
		rows[i] = []any{nullInt64(in.PersonID), in.Login, model.FoldKey(in.Login), in.DisplayName, string(in.Role), true, now, now}
	}
	return tx.insertMany(ctx, "accounts", []string{"person_id", "login", "login_key", "display_name", "role", "active", "created_at", "updated_at"}, rows)
}

// SetAccountRole changes an account's role.
func (tx *Tx) SetAccountRole(ctx context.Context, id int64, role model.Role) error {
	res, err := tx.exec(ctx, `UPDATE accounts SET role = ?, updated_at = ? WHERE id = ?`, string(role), tx.now.Unix(), id)
	if err != nil {
		return wrap("set role", err)
	}
	return mustAffect(res, "set role")
}

// SetAccountRoles changes the roles of many accounts.
func (tx *Tx) SetAccountRoles(ctx context.Context, roles map[int64]model.Role) error {
	rows := make([][]any, 0, len(roles))
	now := tx.now.Unix()
	for id, r := range roles {
		rows = append(rows, []any{id, string(r), now})
	}
	return tx.updateMany(ctx, "accounts", []bulkColumn{{"role", "TEXT"}, {"updated_at", "BIGINT"}}, rows)
}

// SetPasswordHash stores a new password hash ("" removes the password).
func (tx *Tx) SetPasswordHash(ctx context.Context, id int64, hash string) error {
	res, err := tx.exec(ctx, `UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?`, nullString(hash), tx.now.Unix(), id)
	if err != nil {
		return wrap("set password", err)
	}
	return mustAffect(res, "set password")
}

// SetAccountActive enables or disables an account.
func (tx *Tx) SetAccountActive(ctx context.Context, id int64, active bool) error {
	res, err := tx.exec(ctx, `UPDATE accounts SET active = ?, updated_at = ? WHERE id = ?`, active, tx.now.Unix(), id)
	if err != nil {
		return wrap("set account active", err)
	}
	return mustAffect(res, "set account active")
}

// SetAccountsActiveForPeople enables or disables the accounts of people.
func (tx *Tx) SetAccountsActiveForPeople(ctx context.Context, personIDs []int64, active bool) error {
	for start := 0; start < len(personIDs); start += maxParams - 2 {
		chunk := personIDs[start:min(start+maxParams-2, len(personIDs))]
		args := append([]any{active, tx.now.Unix()}, int64Args(chunk)...)
		if _, err := tx.exec(ctx, `UPDATE accounts SET active = ?, updated_at = ? WHERE person_id IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
			return wrap("set accounts active", err)
		}
	}
	return nil
}

// TouchSignIn records a successful sign-in.
func (tx *Tx) TouchSignIn(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `UPDATE accounts SET last_sign_in_at = ? WHERE id = ?`, tx.now.Unix(), id)
	return wrap("touch sign-in", err)
}
