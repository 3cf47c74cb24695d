// Command throughline is the Throughline server and its administration commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"throughline/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
