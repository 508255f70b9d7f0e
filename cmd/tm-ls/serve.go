package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/tm-ls/tm-ls/rules/compliance"
	"github.com/tm-ls/tm-ls/server"
)

// runServe starts the language server on stdin/stdout. Logs go to stderr, or to
// --log-file; stdout carries only the protocol.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("log-file", "", "write logs to `FILE` instead of stderr")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	_ = fs.Bool("stdio", true, "speak LSP on stdin/stdout (the only transport; accepted for editor compatibility)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var level zapcore.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "tm-ls serve: invalid --log-level %q (debug, info, warn, error)\n", *logLevel)
		return 2
	}
	var sink io.Writer = stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "tm-ls serve: opening log file: %v\n", err)
			return 2
		}
		defer f.Close()
		sink = f
	}
	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	logger := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(enc), zapcore.AddSync(sink), level))
	defer func() { _ = logger.Sync() }()

	defer server.TuneMemory()()
	err := server.Serve(ctx, stdio{Reader: stdin, Writer: stdout}, server.Options{Logger: logger, Compliance: lookupRequirement})
	if errors.Is(err, server.ErrExitWithoutShutdown) {
		logger.Warn("client sent exit without shutdown")
		return 1
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		logger.Error("server stopped", zap.Error(err))
		return 1
	}
	return 0
}

// stdio joins stdin and stdout into the ReadWriteCloser a JSON-RPC stream needs.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes stdin when it can be closed, which unblocks a pending read.
func (s stdio) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// lookupRequirement resolves "framework:requirement" IDs for hover from the
// embedded compliance catalogue.
func lookupRequirement(id string) (framework, title string, ok bool) {
	r, ok := compliance.Lookup(id)
	if !ok {
		return "", "", false
	}
	framework = r.Framework
	if fw, found := compliance.FrameworkByID(r.Framework); found && fw.Name != "" {
		framework = fw.Name
	}
	return framework, r.Title, true
}
