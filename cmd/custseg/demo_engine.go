//go:build demo

package main

import (
	"context"

	"github.com/custseg/custseg/demo/embedded"
)

// The demo's embedded engine, linked only into binaries built with
// -tags demo (`go run -tags demo ./cmd/custseg demo`).
func init() { demoEngine = startEmbedded }

// startEmbedded starts the embedded server as a demoServer.
func startEmbedded(ctx context.Context, dbName string) (demoServer, error) {
	srv, err := embedded.Start(ctx, dbName)
	if err != nil {
		return nil, err
	}
	return srv, nil
}
