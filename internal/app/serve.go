package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"convene/internal/accounts"
	"convene/internal/api"
	"convene/internal/editing"
	"convene/internal/fair"
	"convene/internal/httpx"
	"convene/internal/mail"
	"convene/internal/program"
	"convene/internal/programfile"
	"convene/internal/registration"
	"convene/internal/schedule"
	"convene/internal/sqlstore"
	"convene/internal/web"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("serve", env)
	var db dbFlags
	db.register(fs, env.Getenv)
	addr := fs.String("addr", envOr(env.Getenv, "CONVENE_ADDR", "127.0.0.1:8080"), "address to listen on (env CONVENE_ADDR)")
	withDemo := fs.Bool("demo", env.Getenv("CONVENE_DEMO") == "1", "load the sample data on start (env CONVENE_DEMO=1)")
	baseURL := fs.String("base-url", env.Getenv("CONVENE_BASE_URL"), "public URL of the site for links in feeds, pages and mails, e.g. https://forum.example.org (https also makes cookies Secure behind a proxy); empty: taken from each request (env CONVENE_BASE_URL)")
	level := fs.String("log-level", envOr(env.Getenv, "CONVENE_LOG_LEVEL", "info"), "debug (logs every request), info, warn or error (env CONVENE_LOG_LEVEL)")
	smtpURL := fs.String("smtp", env.Getenv("CONVENE_SMTP_URL"), "mail relay for password-reset links: smtp://[user:password@]host[:port]?from=address; empty: mails are written to the log (development) (env CONVENE_SMTP_URL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var sender mail.Sender
	if *smtpURL != "" {
		smtpSender, err := mail.ParseSMTPURL(*smtpURL)
		if err != nil {
			return usageError{fmt.Errorf("--smtp: %w", err)}
		}
		sender = smtpSender
	}
	if u, err := url.Parse(*baseURL); *baseURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		return usageError{fmt.Errorf("--base-url %q: want an absolute http or https URL", *baseURL)}
	}
	log, err := newLogger(env.Stderr, *level)
	if err != nil {
		return err
	}
	store, err := db.open(ctx, log)
	if err != nil {
		return err
	}
	defer store.Close()
	if *withDemo {
		if err := loadDemo(ctx, store, env.Stderr); err != nil {
			return err
		}
	}
	if sender == nil {
		log.Warn("no --smtp: mails (password-reset links) are written to this log, not sent")
		sender = mail.LogSender{Log: log}
	}
	svcs := newServices(store, env.Now)
	svcs.mail = sender
	srv, err := newHTTPServer(svcs, *baseURL, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageError{fmt.Errorf("listen on %s: %w", *addr, err)}
	}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "engine", store.Engine(), "version", Version())
	if env.Ready != nil {
		env.Ready(ln.Addr().String())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// services are the domain services over one store.
type services struct {
	catalog   *program.Catalog
	reg       *registration.Service
	files     *programfile.Files
	accounts  *accounts.Service
	audit     *sqlstore.DB // the audit log's read side
	mail      mail.Sender  // nil: the site logs mails
	editing   *editing.Service
	publisher *sqlstore.DB  // publishes working copies
	fair      *sqlstore.DB  // the matchmaking fairs
	fairs     *fair.Service // their snapshots and indexes, shared by the site and the API
	// schedule runs the timetable scheduler on an edition's working copy.
	schedule func(ctx context.Context, slug string, opt schedule.Options) (schedule.Result, error)
}

func newServices(store *sqlstore.DB, now func() time.Time) services {
	return services{catalog: program.NewCatalog(store, now), reg: registration.New(store, now), files: programfile.New(store),
		accounts: accounts.New(store, now), audit: store, editing: editing.NewService(store), publisher: store, fair: store, fairs: fair.NewService(store),
		schedule: func(ctx context.Context, slug string, opt schedule.Options) (schedule.Result, error) {
			return schedule.Run(ctx, store, slug, opt)
		}}
}

// newHTTPServer builds what `convene serve` serves: the site, the API and
// the health check behind the middleware. baseURL is the public URL for
// links in feeds ("" takes it from each request).
func newHTTPServer(s services, baseURL string, log *slog.Logger) (*http.Server, error) {
	site, err := web.New(web.Config{Catalog: s.catalog, Registration: s.reg, Files: s.files, Accounts: s.accounts, Audit: s.audit,
		Editing: s.editing, Publisher: s.publisher, Fair: s.fair, Fairs: s.fairs, Scheduler: s.schedule, Mail: s.mail, BaseURL: baseURL, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("build the site: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Config{Catalog: s.catalog, Registration: s.reg, Accounts: s.accounts, Audit: s.audit,
		Editing: s.editing, Publisher: s.publisher, Fair: s.fair, Fairs: s.fairs, Scheduler: s.schedule, Logger: log, BaseURL: baseURL}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := s.catalog.Events(r.Context()); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("/", site)
	return &http.Server{
		Handler:           httpx.Wrap(mux, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}, nil
}
