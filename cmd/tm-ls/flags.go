package main

import "flag"

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
