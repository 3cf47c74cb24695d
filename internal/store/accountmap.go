package store

import "context"

// AccountLogin is the compact form of an account for imports.
type AccountLogin struct {
	ID       int64
	PersonID int64
	LoginKey string
	Role     string
	Active   bool
}

// AllAccountLogins loads every account's login key.
func (tx *Tx) AllAccountLogins(ctx context.Context) ([]AccountLogin, error) {
	rows, err := tx.query(ctx, `SELECT id, COALESCE(person_id, 0), login_key, role, active FROM accounts`)
	if err != nil {
		return nil, wrap("account logins", err)
	}
	defer rows.Close()
	var out []AccountLogin
	for rows.Next() {
		var a AccountLogin
		if err := rows.Scan(&a.ID, &a.PersonID, &a.LoginKey, &a.Role, &a.Active); err != nil {
			return nil, wrap("account logins", err)
		}
		out = append(out, a)
	}
	return out, wrap("account logins", rows.Err())
}

// LinkAccount links an account to a person.
func (tx *Tx) LinkAccount(ctx context.Context, accountID, personID int64) error {
	res, err := tx.exec(ctx, `UPDATE accounts SET person_id = ?, updated_at = ? WHERE id = ?`, personID, tx.now.Unix(), accountID)
	if err != nil {
		return wrap("link account", err)
	}
	return mustAffect(res, "link account")
}
