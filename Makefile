# agentplane — build, test, demo and benchmark.
#
#   make demo    validate and reconcile the repo's own desired state (installs what it needs)
#   make test    the whole test suite (installs what it needs)
#
# Both install missing Debian packages with apt-get (as root, or through sudo) and the Python
# test tools into a venv under .build/. On other systems, `make deps` prints what to install.

SHELL      := /bin/bash
SWIFT      ?= swift
BUILD_DIR  ?= .build
VENV       := $(BUILD_DIR)/venv
PYTHON     := $(VENV)/bin/python
BIN        := $(BUILD_DIR)/debug/agentplane
RELEASE_BIN := $(BUILD_DIR)/release/agentplane
# Release builds carry the Swift runtime and Foundation inside the binary: it runs on a host
# without a Swift toolchain, and starts in 6 ms instead of 15 (no binding of symbols against a
# dozen shared libraries), most of what a no-op reconcile tick costs.
RELEASE_FLAGS := -c release --static-swift-stdlib

APT_BUILD_PACKAGES := libgit2-dev libsqlite3-dev pkg-config
APT_TEST_PACKAGES  := podman runc busybox-static git python3-venv systemd openssh-server openssh-client patch diffutils
PY_TEST_PACKAGES   := jsonschema==4.26.0 rfc3339-validator==0.1.4 PyYAML==6.0.3 kubernetes-validate==1.37.0

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export AGENTPLANE_TEST_VENV   := $(abspath $(VENV))
export AGENTPLANE_TEST_PYTHON := $(abspath $(PYTHON))

.PHONY: all deps test-deps build test demo bench format lint schemas clean

all: build

## deps: the C libraries the package links (libgit2, SQLite), installed when missing.
deps:
	@command -v $(SWIFT) >/dev/null || { echo "error: swift not found: install Swift 6 from swift.org and put it on PATH" >&2; exit 1; }
	@missing=""; for p in $(APT_BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "error: install libgit2 (>= 1.5) and SQLite 3 development files with pkg-config support, e.g. 'brew install libgit2 sqlite' or 'dnf install libgit2-devel sqlite-devel'" >&2; exit 1; \
	  fi; \
	fi

## test-deps: podman + runc + busybox-static for the runtime tests, and the Python reference tools.
test-deps: deps
	@missing=""; for p in $(APT_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "error: install podman, runc, a static busybox, git and python3 venv support" >&2; exit 1; \
	  fi; \
	fi
	@if ! $(PYTHON) -c 'import jsonschema, rfc3339_validator, yaml, kubernetes_validate' 2>/dev/null; then \
	  echo "creating $(VENV) with $(PY_TEST_PACKAGES)"; \
	  python3 -m venv $(VENV) && $(VENV)/bin/pip install -q --disable-pip-version-check $(PY_TEST_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

## schemas: re-embed schemas/*.schema.json into the binary after editing them.
schemas:
	sh Sources/Validation/embed-schemas.sh

test: test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	@bash examples/demo.sh $(BIN)

## bench: the benchmark tables of the issues (release build; a report, exits 0 even on MISS).
bench: test-deps
	$(SWIFT) build $(RELEASE_FLAGS) --product agentplane
	$(SWIFT) build $(RELEASE_FLAGS) --product agentplane-bench
	$(BUILD_DIR)/release/agentplane-bench

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

## lint: no force unwraps, force tries or implicitly unwrapped optionals in Sources (a crash on
## bad input is a defect here); the rest of swift-format's findings are advice (`make format`).
lint:
	@out=$$($(SWIFT) format lint --recursive Sources 2>&1 | grep -E 'NeverForceUnwrap|NeverUseForceTry|NeverUseImplicitlyUnwrappedOptionals' || true); \
	if [ -n "$$out" ]; then echo "$$out"; echo "lint: force unwraps in Sources" >&2; exit 1; fi; \
	echo "lint: no force unwraps, force tries or implicitly unwrapped optionals in Sources"

clean:
	rm -rf $(BUILD_DIR)
