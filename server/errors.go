package server

import "go.lsp.dev/jsonrpc2"

func errInvalidParams(msg string) error  { return jsonrpc2.NewError(jsonrpc2.InvalidParams, msg) }
func errInvalidRequest(msg string) error { return jsonrpc2.NewError(jsonrpc2.InvalidRequest, msg) }
