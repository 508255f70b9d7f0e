package lsptest

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"time"
)

// procRWC joins a child process's stdout (read) and stdin (write).
type procRWC struct {
	io.Reader
	io.WriteCloser
}

// Process is a language server started as a child process.
type Process struct {
	*Client
	Cmd *exec.Cmd
}

// Start runs bin with args (e.g. "serve") and connects a client to its stdio;
// the server's stderr goes to stderr (nil discards it).
func Start(ctx context.Context, stderr io.Writer, bin string, args ...string) (*Process, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("stdin pipe: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("stdout pipe: %w", err)
	}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	return &Process{Client: New(procRWC{Reader: out, WriteCloser: in}), Cmd: cmd}, nil
}

// Wait waits for the process to exit (at most timeout) and returns its exit code.
func (p *Process) Wait(timeout time.Duration) (int, error) {
	done := make(chan error, 1)
	go func() { done <- p.Cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				return ee.ExitCode(), nil
			}
			return -1, err
		}
		return 0, nil
	case <-time.After(timeout):
		_ = p.Cmd.Process.Kill()
		<-done
		return -1, fmt.Errorf("server did not exit within %s", timeout)
	}
}
