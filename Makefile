# tm-ls build, demo and tests. `make demo` and `make test` are the two commands a new
# user needs (see README.md); everything the tests need is installed from here.
GO      ?= go
BIN     := bin/tm-ls
PKGS    := ./...

.PHONY: all build demo test test-go test-race vet fmt-check bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/tm-ls

demo: build
	./$(BIN) check --fail-on none testdata/examples/three-tier-aws

# The one command that runs every test (CI calls exactly this).
test: fmt-check vet test-race test-lsp-node test-editors
	@echo "all tests passed"

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

test-go:
	$(GO) test $(PKGS)

test-race:
	$(GO) test -race $(PKGS)

# --- owned by the language-server work: the independent Node JSON-RPC client ---
test-lsp-node: build
	@echo "(node LSP client test: not yet wired)"

# --- owned by the editor-client work: VS Code extension and headless Neovim ---
test-editors: build
	@echo "(editor tests: not yet wired)"

bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./analysis/... ./server/...

clean:
	rm -rf bin out
