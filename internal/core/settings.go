package core

import (
	"context"
	"strings"
	"unicode/utf8"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Setting keys.
const (
	SettingOrgName = "org_name"
)

// OrgName returns the organization's name ("" when not set). Anyone may read it: it is on
// the sign-in page.
func (c *Core) OrgName(ctx context.Context) (string, error) {
	var v string
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		v, _, err = tx.Setting(ctx, SettingOrgName)
		return err
	})
	return v, err
}

// SetOrgName sets the organization's name. Admin only.
func (c *Core) SetOrgName(ctx context.Context, actor model.Actor, name string) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || utf8.RuneCountInString(name) > 120 {
		return &model.Error{Code: model.CodeInvalid, Message: "Give the organization a name of at most 120 characters.", Fields: map[string]string{"org_name": "Enter a name of 1 to 120 characters."}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, SettingOrgName, name); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "setting_changed", "setting", 0, SettingOrgName)
	})
}
