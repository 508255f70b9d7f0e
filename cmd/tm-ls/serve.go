package main

import (
	"context"
	"fmt"
	"io"
)

// runServe starts the language server on stdio. (Owned by the server work; this
// placeholder is replaced when the server package lands.)
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tm-ls serve: not available in this build yet")
	return 2
}
