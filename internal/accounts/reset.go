package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"convene/internal/mail"
	"convene/internal/program"
)

// Password reset by a one-time link: the link holds a random token (only
// its hash is stored), lasts an hour, works once, and using it ends every
// session of the account.
const (
	resetPrefix   = "cvr_"
	ResetLifetime = time.Hour
	// maxResetsPerHour bounds the mails one account can be sent.
	maxResetsPerHour = 3
)

// RequestReset sends a reset link to the account's email, if there is an
// active account with that email. It reports nothing about whether there
// is: the answer to the form is the same either way. link turns the token
// into the URL of the reset page.
func (s *Service) RequestReset(ctx context.Context, email string, sender mail.Sender, link func(token string) string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	u, _, err := s.store.UserByEmail(ctx, email)
	if program.ErrorCode(err) == program.CodeNotFound || (err == nil && u.DisabledAt != nil) {
		return nil
	}
	if err != nil {
		return err
	}
	now := s.now().UTC()
	n, err := s.store.Resets(ctx, u.ID, now.Add(-time.Hour))
	if err != nil || n >= maxResetsPerHour {
		return err
	}
	token, tokenHash := newToken(resetPrefix)
	if err := s.store.CreateReset(ctx, u.ID, tokenHash, now, now.Add(ResetLifetime)); err != nil {
		return err
	}
	return sender.Send(ctx, mail.Message{
		To:      u.Email,
		Subject: "重置密码 · Reset your password",
		Body: fmt.Sprintf("打开以下链接设置新密码（%d 分钟内有效，只能使用一次）：\nOpen this link to set a new password (valid for %d minutes, once):\n\n%s\n\n"+
			"如果不是您本人申请，请忽略本邮件。If you did not ask for this, ignore this mail.\n",
			int(ResetLifetime.Minutes()), int(ResetLifetime.Minutes()), link(token)),
	})
}

// ErrResetLink is the answer to a reset link that is unknown, used or expired.
var ErrResetLink = program.Errorf(program.CodeNotFound, "this reset link is unknown, used or expired; ask for a new one")

// ResetPassword sets a new password with a reset link's token and ends the
// account's sessions.
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	if !strings.HasPrefix(token, resetPrefix) {
		return ErrResetLink
	}
	err := s.store.UseReset(ctx, hashToken(token), s.now().UTC(), s.hashParams.hash(password))
	if program.ErrorCode(err) == program.CodeNotFound {
		return ErrResetLink
	}
	return err
}
