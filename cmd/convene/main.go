// Command convene runs a large science-and-technology forum: its program,
// public site, API and figures. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"convene/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := app.Main(ctx, app.Env{Args: os.Args[1:], Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}
