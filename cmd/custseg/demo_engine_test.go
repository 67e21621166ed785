//go:build !demo

package main

import (
	"context"

	"github.com/custseg/custseg/demo/embedded"
)

// The tests run the demo command on the embedded engine with or without
// -tags demo: without it, the test binary links the engine here.
func init() { demoEngine = startEmbedded }

// startEmbedded starts the embedded server as a demoServer.
func startEmbedded(ctx context.Context, dbName string) (demoServer, error) {
	srv, err := embedded.Start(ctx, dbName)
	if err != nil {
		return nil, err
	}
	return srv, nil
}
