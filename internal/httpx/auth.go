package httpx

import (
	"context"
	"net/http"
	"strings"

	"throughline/internal/model"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "tl_session"

// Authenticator resolves credentials to an actor; core implements it.
type Authenticator interface {
	Authenticate(ctx context.Context, sessionToken string) (model.Actor, error)
	AuthenticateToken(ctx context.Context, apiToken string) (model.Actor, error)
}

type actorKey struct{}

// WithActor returns ctx carrying actor.
func WithActor(ctx context.Context, actor model.Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom returns the actor of the request (anonymous when none).
func ActorFrom(ctx context.Context) model.Actor {
	a, _ := ctx.Value(actorKey{}).(model.Actor)
	return a
}

// Identify resolves the session cookie and, on paths under one of bearerPrefixes (the
// API and SCIM, never the pages), an "Authorization: Bearer" API token, and puts the actor in the request's context. It
// never refuses a request; handlers and core decide what an anonymous actor may do.
// A credential that fails is treated as absent, except a bad bearer token, which the
// API answers with 401 so integrations notice.
func Identify(a Authenticator, bearerPrefixes []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		allowBearer := false
		for _, p := range bearerPrefixes {
			allowBearer = allowBearer || strings.HasPrefix(r.URL.Path, p)
		}
		if allowBearer {
			if h := r.Header.Get("Authorization"); h != "" {
				token, ok := strings.CutPrefix(h, "Bearer ")
				if !ok {
					WriteError(w, r, &model.Error{Code: model.CodeUnauthenticated, Message: "Use an Authorization header of the form \"Bearer tl_…\"."})
					return
				}
				actor, err := a.AuthenticateToken(ctx, strings.TrimSpace(token))
				if err != nil {
					if model.ErrorCodeOf(err) == model.CodeUnauthenticated {
						err = &model.Error{Code: model.CodeUnauthenticated, Message: "The API token is unknown, expired or revoked."}
					}
					WriteError(w, r, err)
					return
				}
				next.ServeHTTP(w, r.WithContext(WithActor(ctx, actor)))
				return
			}
		}
		if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			actor, err := a.Authenticate(ctx, c.Value)
			switch {
			case err == nil:
				ctx = WithActor(ctx, actor)
			case model.ErrorCodeOf(err) != model.CodeUnauthenticated:
				Logger(ctx).Error("authenticate", "err", err.Error())
				http.Error(w, "The service is unavailable; try again in a moment.", http.StatusServiceUnavailable)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
