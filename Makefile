# akn-press: `make` installs what is needed, provisions the schema, compiles and builds output/ from input/;
# `make test` runs the test suite; `make bench` the benchmark.
NODE_MODULES_STAMP := node_modules/.install-stamp
SCHEMAS := schemas/akomantoso30.xsd schemas/xml.xsd
SOURCES := $(shell find pipeline -name '*.ts' 2>/dev/null)

.PHONY: all install schemas compile output test bench clean

all: output

install: $(NODE_MODULES_STAMP)
$(NODE_MODULES_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

schemas: $(SCHEMAS)
$(SCHEMAS): schemas/manifest.json schemas/provision.mjs
	node schemas/provision.mjs

compile: dist/.compile-stamp
dist/.compile-stamp: $(NODE_MODULES_STAMP) $(SOURCES) tsconfig.json
	npx tsc -p tsconfig.json
	chmod +x dist/pipeline/cli.js
	@touch $@

output: install schemas compile
	node dist/pipeline/cli.js build input/ --out output/

# The publication tests check every output/*.akn.xml: the sample and, when ../shared is there, the corpus.
CORPUS := $(wildcard ../shared/corpus/texts)

# VITEST_JSON_REPORT (set by .ci/run) adds vitest's JSON report beside the usual output.
test: install schemas compile
	node dist/pipeline/cli.js build input/ $(CORPUS) --out output/ --quiet
	npx vitest run $(if $(VITEST_JSON_REPORT),--reporter=default --reporter=json --outputFile.json=$(VITEST_JSON_REPORT))

bench: install schemas compile
	node --expose-gc bench/run.mjs

clean:
	rm -rf dist output
