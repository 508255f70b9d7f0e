package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// parseInterspersed parses flags that may come before or after the positional
// arguments (`tm-ls check DIR --format json` as well as `tm-ls check --format json
// DIR`), which the standard flag package alone does not allow. A lone "--" ends
// flag parsing.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// workspaceDir resolves the optional DIR argument of a command (default ".") to the
// directory as given and its absolute path, or explains why it cannot be analysed.
func workspaceDir(pos []string) (dir, root string, err error) {
	dir = "."
	switch len(pos) {
	case 0:
	case 1:
		dir = pos[0]
	default:
		return "", "", fmt.Errorf("one directory at most, got %d", len(pos))
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "", "", fmt.Errorf("%s is not a readable directory", dir)
	}
	root, err = filepath.Abs(dir)
	if err != nil {
		return "", "", fmt.Errorf("resolving %s: %w", dir, err)
	}
	return dir, root, nil
}
