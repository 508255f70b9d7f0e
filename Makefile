# tm-ls build, demo and tests. `make demo` and `make test` are the two commands a new
# user needs (see README.md); everything the tests need is installed from here.
GO      ?= go
BIN     := bin/tm-ls
# Go packages, without the Go sources some npm packages ship under node_modules.
PKGS    := $(shell $(GO) list ./... 2>/dev/null | grep -v /node_modules/)

.PHONY: all build demo test test-go test-race test-sarif install-graphviz vet fmt-check bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/tm-ls

demo: build
	./$(BIN) check --fail-on none testdata/examples/three-tier-aws

# The one command that runs every test (CI calls exactly this).
test: fmt-check vet install-chromium install-graphviz test-race test-report-chromium test-sarif test-lsp-node test-editors
	@echo "all tests passed"

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

test-go:
	$(GO) test $(PKGS)

# The HTML report is checked in headless Chromium and its diagram laid out with
# Graphviz; in `make test` a missing browser or Graphviz is a failure, not a skip.
test-race:
	TM_LS_REQUIRE_CHROMIUM=1 TM_LS_REQUIRE_GRAPHVIZ=1 $(GO) test -race $(PKGS)

# Graphviz lays out the report's system diagram (Debian's graphviz; the report falls
# back to a built-in layout where it is missing).
install-graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq graphviz; }
	@dot -V

# SARIF output validated against the official SARIF 2.1.0 JSON schema (ajv, npm).
SARIF_CHECK := analysis/report/testdata/sarifcheck
test-sarif: build
	cd $(SARIF_CHECK) && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p out
	./$(BIN) check --format sarif --fail-on none testdata/examples/three-tier-aws > out/three-tier-aws.sarif
	./$(BIN) check --format sarif --fail-on none testdata/examples/serverless-api > out/serverless-api.sarif
	node $(SARIF_CHECK)/validate.js out/three-tier-aws.sarif out/serverless-api.sarif

# --- owned by the language-server work: the independent Node JSON-RPC client ---
test-lsp-node: build
	cd server/testdata/nodeclient && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund)
	cd server/testdata/nodeclient && timeout 120 node client.js ../../../$(BIN)

# --- owned by the editor-client work: VS Code extension and headless Neovim ---
test-editors: build
	@start=$$(date +%s); rc=0; \
	$(MAKE) --no-print-directory test-vscode || rc=1; mid=$$(date +%s); \
	$(MAKE) --no-print-directory test-nvim || rc=1; end=$$(date +%s); \
	if [ $$rc = 0 ]; then r=passed; else r=FAILED; fi; \
	echo "editor tests $$r (vscode $$((mid - start))s, neovim $$((end - mid))s)"; exit $$rc

# VS Code: clean install from package-lock.json, lint, unit tests, the commands against
# the real bin/tm-ls, and the .vsix (bundling bin/tm-ls).
test-vscode: build
	cd editors/vscode && npm ci --no-audit --no-fund && npm run lint && npm test && \
	TM_LS_BIN=$(CURDIR)/$(BIN) npm run test:server && npm run package

# Neovim: headless unit and end-to-end tests against bin/tm-ls.
test-nvim: build install-nvim
	editors/neovim/test/run.sh

# Debian's Neovim (0.7.2) when none is installed (needs root, as in CI).
install-nvim:
	command -v nvim >/dev/null || (apt-get update && apt-get install -y neovim)

.PHONY: test-vscode test-nvim install-nvim

bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./analysis/... ./rules/...
	$(GO) test -run '^$$' -bench EditLatency -benchtime 100x ./server/

clean:
	rm -rf bin out

# --- owned by the risk-report work: headless Chromium for the HTML report test ---
# (analysis/riskreport TestHTMLInChromium; with TM_LS_REQUIRE_CHROMIUM=1 a missing
# browser fails the test instead of skipping it.)
.PHONY: install-chromium test-report-chromium
install-chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@chromium --version

test-report-chromium: install-chromium
	mkdir -p out
	TM_LS_REQUIRE_CHROMIUM=1 $(GO) test -run 'Chromium|ConsoleError' -artifacts -outputdir out ./analysis/riskreport
