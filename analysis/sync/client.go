// Package sync pushes open findings to issue trackers (Jira Cloud, Azure DevOps
// Boards, ServiceNow) through their documented REST APIs: it creates an item per new
// finding, updates items whose finding changed, closes items whose finding is fixed
// and leaves the rest alone. Items are matched by the finding's stable key, so runs
// are idempotent: a re-run after a partial failure neither loses nor duplicates.
//
// Credentials come from the environment only and are never logged or printed.
package sync

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"go.uber.org/zap"
)

// Client sends tracker requests with retries: 429 and 5xx answers are retried with
// exponential backoff that honours Retry-After, up to MaxAttempts.
type Client struct {
	// HTTP sends the requests (default: a client with a 30 s timeout).
	HTTP *http.Client
	// Sleep waits between attempts; tests inject a recorder. Default: a timer that
	// stops when ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for Retry-After dates (default time.Now).
	Now func() time.Time
	// MaxAttempts bounds the attempts per request (default 5); BaseDelay is the first
	// backoff (default 1 s), doubled per attempt; MaxDelay caps any wait, Retry-After
	// included (default 60 s).
	MaxAttempts int
	BaseDelay   time.Duration
	MaxDelay    time.Duration
	// Log receives one debug line per request (method, URL without credentials,
	// status); never headers or bodies.
	Log *zap.Logger
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

func (c *Client) log() *zap.Logger {
	if c.Log == nil {
		return zap.NewNop()
	}
	return c.Log
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) attempts() int {
	if c.MaxAttempts > 0 {
		return c.MaxAttempts
	}
	return 5
}

func (c *Client) baseDelay() time.Duration {
	if c.BaseDelay > 0 {
		return c.BaseDelay
	}
	return time.Second
}

func (c *Client) maxDelay() time.Duration {
	if c.MaxDelay > 0 {
		return c.MaxDelay
	}
	return time.Minute
}

// APIError is a request the tracker refused or kept failing.
type APIError struct {
	Tracker string
	Method  string
	// URL is the request URL without user information.
	URL    string
	Status int
	// Message is the tracker's own error text, extracted from its error body.
	Message  string
	Attempts int
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: HTTP %d %s", e.Tracker, e.Method, e.URL, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts)", e.Attempts)
	}
	switch e.Status {
	case http.StatusUnauthorized:
		b.WriteString("; check the credentials in the environment")
	case http.StatusForbidden:
		b.WriteString("; the account lacks permission for this project")
	}
	return b.String()
}

// auth is a request's Authorization header value; it is only ever put on requests.
type auth string

func basicAuth(user, secret string) auth {
	return auth("Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+secret)))
}

// request is one tracker call.
type request struct {
	tracker     string
	method      string
	url         string
	auth        auth
	body        any // marshalled as JSON when not nil
	contentType string
}

// do sends the request, retrying 429 and 5xx, and decodes a 2xx JSON answer into out
// (when out is not nil). msg extracts the tracker's message from an error body.
func (c *Client) do(ctx context.Context, r request, out any, msg func([]byte) string) error {
	var payload []byte
	if r.body != nil {
		var err error
		if payload, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("%s: encoding the %s %s body: %w", r.tracker, r.method, redact(r.url), err)
		}
	}
	max := c.attempts()
	delay := c.baseDelay()
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, r.method, r.url, bytesReader(payload))
		if err != nil {
			return fmt.Errorf("%s: building the request %s %s: %w", r.tracker, r.method, redact(r.url), err)
		}
		req.Header.Set("Authorization", string(r.auth))
		req.Header.Set("Accept", "application/json")
		if payload != nil {
			ct := r.contentType
			if ct == "" {
				ct = "application/json"
			}
			req.Header.Set("Content-Type", ct)
		}
		resp, err := c.httpClient().Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%s: %s %s: %w", r.tracker, r.method, redact(r.url), ctx.Err())
			}
			return fmt.Errorf("%s: cannot reach %s: %w", r.tracker, redact(r.url), unwrapURLError(err))
		}
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
		resp.Body.Close()
		c.log().Debug("tracker request", zap.String("tracker", r.tracker), zap.String("method", r.method),
			zap.String("url", redact(r.url)), zap.Int("status", resp.StatusCode), zap.Int("attempt", attempt))
		if rerr != nil {
			return fmt.Errorf("%s: %s %s: reading the answer: %w", r.tracker, r.method, redact(r.url), rerr)
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			if out == nil || len(bytes.TrimSpace(body)) == 0 {
				return nil
			}
			if err := json.Unmarshal(body, out); err != nil {
				return fmt.Errorf("%s: %s %s: the answer is not the expected JSON: %w", r.tracker, r.method, redact(r.url), err)
			}
			return nil
		}
		retry := resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
		if !retry || attempt >= max {
			return &APIError{Tracker: r.tracker, Method: r.method, URL: redact(r.url), Status: resp.StatusCode,
				Message: errorMessage(body, msg), Attempts: attempt}
		}
		wait := delay
		if ra, ok := retryAfter(resp.Header.Get("Retry-After"), c.now()); ok && ra > wait {
			wait = ra
		}
		if wait > c.maxDelay() {
			wait = c.maxDelay()
		}
		c.log().Info("tracker busy, retrying", zap.String("tracker", r.tracker), zap.Int("status", resp.StatusCode),
			zap.Duration("wait", wait), zap.Int("attempt", attempt))
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %s %s: waiting to retry: %w", r.tracker, r.method, redact(r.url), err)
		}
		delay *= 2
	}
}

func bytesReader(b []byte) io.Reader {
	if b == nil {
		return nil
	}
	return bytes.NewReader(b)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

// errorMessage extracts the tracker's message from an error body, else a short
// excerpt of the body.
func errorMessage(body []byte, msg func([]byte) string) string {
	if msg != nil {
		if m := msg(body); m != "" {
			return m
		}
	}
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// redact drops user information from a URL so that it can be printed.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	return u.String()
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// baseURL validates a tracker URL from the environment.
func baseURL(name, v string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("%s must be an http(s) URL such as https://example.atlassian.net", name)
	}
	if u.User != nil {
		return "", fmt.Errorf("%s must not hold credentials; use the token variable instead", name)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Env reads configuration; os.Getenv in production, a map in tests.
type Env func(string) string

// require returns the values of the named variables, or one error naming every
// missing one.
func (env Env) require(names ...string) ([]string, error) {
	vals := make([]string, len(names))
	var missing []string
	for i, n := range names {
		vals[i] = strings.TrimSpace(env(n))
		if vals[i] == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("set %s in the environment", strings.Join(missing, ", "))
	}
	return vals, nil
}

func (env Env) or(name, def string) string {
	if v := strings.TrimSpace(env(name)); v != "" {
		return v
	}
	return def
}
