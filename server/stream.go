package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// maxMessageBytes bounds one incoming message; anything larger is hostile or broken.
const maxMessageBytes = 256 << 20

// stream is a Content-Length framed jsonrpc2.Stream that survives bad input: a
// message whose body is not valid JSON-RPC is answered with a parse error (id null)
// and skipped, instead of killing the connection as jsonrpc2's own stream does.
// Only a broken frame (unreadable headers, a short body) ends the stream.
type stream struct {
	rwc     io.ReadWriteCloser
	in      *bufio.Reader
	writeMu sync.Mutex
	onBad   func(error)
}

func newStream(rwc io.ReadWriteCloser, onBad func(error)) *stream {
	return &stream{rwc: rwc, in: bufio.NewReaderSize(rwc, 64<<10), onBad: onBad}
}

// Read returns the next well-formed message.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		data, n, err := s.readFrame()
		if err != nil {
			return nil, n, err
		}
		msg, err := jsonrpc2.DecodeMessage(data)
		if err == nil {
			return msg, n, nil
		}
		if s.onBad != nil {
			s.onBad(err)
		}
		if werr := s.writeParseError(err); werr != nil {
			return nil, n, werr
		}
	}
}

func (s *stream) readFrame() ([]byte, int64, error) {
	var total, length int64 = 0, -1
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			return nil, total, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				// Tolerate stray blank lines between frames.
				continue
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, total, fmt.Errorf("invalid header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			v, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || v < 0 || v > maxMessageBytes {
				return nil, total, fmt.Errorf("invalid Content-Length %q", value)
			}
			length = v
		}
	}
	data := make([]byte, length)
	if _, err := io.ReadFull(s.in, data); err != nil {
		return nil, total, fmt.Errorf("reading body: %w", err)
	}
	return data, total + length, nil
}

func (s *stream) writeParseError(cause error) error {
	body, _ := json.Marshal(map[string]any{
		"jsonrpc": "2.0",
		"id":      nil,
		"error":   map[string]any{"code": jsonrpc2.ParseError, "message": "parse error: " + cause.Error()},
	})
	_, err := s.writeRaw(body)
	return err
}

// Write sends one message.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	return s.writeRaw(data)
}

func (s *stream) writeRaw(data []byte) (int64, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	buf := make([]byte, 0, len(data)+32)
	buf = fmt.Appendf(buf, "Content-Length: %d\r\n\r\n", len(data))
	buf = append(buf, data...)
	n, err := s.rwc.Write(buf)
	if err != nil {
		return int64(n), fmt.Errorf("writing message: %w", err)
	}
	return int64(n), nil
}

// Close closes the underlying connection.
func (s *stream) Close() error {
	if err := s.rwc.Close(); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		return fmt.Errorf("closing stream: %w", err)
	}
	return nil
}
