# akn-press: `make` installs what is needed, provisions the schema, compiles and builds output/ from input/;
# `make test` runs the test suite; `make bench` the benchmark.
NODE_MODULES_STAMP := node_modules/.install-stamp
SCHEMAS := schemas/akomantoso30.xsd schemas/xml.xsd
SOURCES := $(shell find pipeline -name '*.ts' 2>/dev/null)

.PHONY: all install schemas compile lexicon output test bench clean system-tools

all: output

install: $(NODE_MODULES_STAMP)
$(NODE_MODULES_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The schema comes from $AKN_SCHEMA_DIR when set, else from ../shared/schemas when present (this
# workplace), else from the official OASIS location; provision.mjs checks the sha256 either way.
AKN_SCHEMA_DIR ?= $(wildcard ../shared/schemas)
export AKN_SCHEMA_DIR

schemas: $(SCHEMAS)
$(SCHEMAS): schemas/manifest.json schemas/provision.mjs
	node schemas/provision.mjs

compile: dist/.compile-stamp
dist/.compile-stamp: $(NODE_MODULES_STAMP) $(SOURCES) tsconfig.json
	npx tsc -p tsconfig.json
	chmod +x dist/pipeline/cli.js
	@touch $@

# The Hunspell dictionaries expanded once into sorted word lists (lexicon/, see pipeline/lexicon.ts); a
# document of a language whose list is missing compiles it on first use instead.
LEXICON_STAMP := lexicon/.stamp
lexicon: $(LEXICON_STAMP)
$(LEXICON_STAMP): dist/.compile-stamp
	node --input-type=module -e "const { ensureWordList } = await import('./dist/pipeline/lexicon.js'); const { languages } = await import('./dist/pipeline/lang/index.js'); for (const l of Object.values(languages)) ensureWordList(l);"
	@touch $@

output: install schemas compile lexicon
	node dist/pipeline/cli.js build input/ --out output/

# The publication tests check every output/*.akn.xml: the sample and, when it is there, the development
# corpus: $AKN_CORPUS_DIR (a folder holding texts/ and pdf/), by default ../shared/corpus (this workplace).
# Without it, the tests that need it are skipped with a message naming the folder and the variable.
AKN_CORPUS_DIR ?= ../shared/corpus
export AKN_CORPUS_DIR
CORPUS := $(wildcard $(AKN_CORPUS_DIR)/texts)
# Two corpus PDFs built from their layout (notes; italics and an annex), so the publication tests check PDF builds.
PDF_SAMPLES := $(wildcard $(AKN_CORPUS_DIR)/pdf/A_RES_73_6-EN.pdf $(AKN_CORPUS_DIR)/pdf/S_2022_158-EN.pdf)

# VITEST_JSON_REPORT (set by .ci/run) adds vitest's JSON report beside the usual output.
# The tests use the real tools: xmllint, epubcheck (Java) and Chromium, from Debian's packages.
SYSTEM_PACKAGES := libxml2-utils epubcheck chromium default-jre-headless
system-tools:
	@if command -v xmllint >/dev/null && [ -f /usr/share/java/epubcheck.jar ] && command -v chromium >/dev/null && command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	else echo "make test needs: $(SYSTEM_PACKAGES) (apt-get install -y $(SYSTEM_PACKAGES))" >&2; exit 1; fi

test: install schemas compile lexicon system-tools
	node dist/pipeline/cli.js build input/ $(CORPUS) $(PDF_SAMPLES) --out output/ --quiet
	npx vitest run $(if $(VITEST_JSON_REPORT),--reporter=default --reporter=json --outputFile.json=$(VITEST_JSON_REPORT))

bench: install schemas compile lexicon
	node bench/run.mjs

clean:
	rm -rf dist output lexicon
