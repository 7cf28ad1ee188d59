# polypress — the two commands a user needs are `make sample` and `make test`.
GO ?= go
OUT ?= dist
# Every sample statement, and the briefing pack (built in en, fr and ar, as its manifest says).
SAMPLES := samples/oic-contact-group-2020 samples/world-scripts samples/briefing-pack samples/river-monitoring-convention-2021 samples/water-data-agreement-release-2021 samples/universal-declaration-of-human-rights
# The parallel editions: the OIC communiqué in English beside French, and beside Arabic
# (docs/parallel.md). The other samples have no French or Arabic text, so they are asked for
# apart, with the communiqué's own editions (rebuilt, the same bytes), which their pages link to.
PARALLEL := --parallel en,fr --parallel en,ar samples/oic-contact-group-2020

.PHONY: all sample test vet fmt bench clean

all: sample

## sample: build every sample edition (PDF, EPUB and HTML) into $(OUT)/ with the
##         embedded fonts and locales, and the parallel editions of the communiqué
##         (polypress is compiled into bin/ when a file it is built from is
##         newer, and run twice: go run would check and link it for each command)
sample: bin/polypress
	bin/polypress build --out $(OUT) $(SAMPLES)
	bin/polypress build --out $(OUT) $(PARALLEL)

# The files polypress is compiled from: its Go code and the fonts, layouts,
# locale files and templates it embeds. The folders are listed too, so that a
# file removed (which changes its folder's time) rebuilds it. make decides from
# their times, without starting the go command when nothing changed.
POLYPRESS_SOURCES := go.mod go.sum $(shell find cmd pipeline fonts layouts locales -not -name '*_test.go' -not -path '*/testdata*' 2>/dev/null)

bin/polypress: $(POLYPRESS_SOURCES)
	$(GO) build -o $@ ./cmd/polypress

# The packages whose tests run the validators take the longest: go test
# starts packages in the order given, so naming them first keeps both of
# its parallel slots busy to the end instead of leaving one long package
# running alone.
TEST_FIRST := ./pipeline/build ./pipeline/render/epub ./pipeline/internal/validate

## test: unit tests, then the sample editions checked as a reader sees them
##       (four PDF readers: pdftotext, mutool, PDF.js, PDFium; pdfinfo, qpdf, pdffonts;
##       EPUBCheck, Ace by DAISY, the Nu HTML Checker and axe-core; see .ci/run for
##       the tools). A checker that is not installed is skipped (a failure with
##       CI=true) and listed at the end.
test: vet
	@skips=$$(mktemp); \
	VALIDATE_SKIPS=$$skips $(GO) test -count=1 -timeout 20m $(TEST_FIRST) ./...; status=$$?; \
	if [ -s $$skips ]; then \
	  echo "Checkers not installed, so not run (tests skipped; .ci/run installs them all):"; \
	  sort $$skips | uniq -c; \
	fi; \
	rm -f $$skips; exit $$status

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: Go benchmarks of every stage on the sample and on generated statements of
##        200, 2,000 and 20,000 clauses, then bench/targets.sh (the speed targets of
##        issue 16, met or MISSED, whole process) and bench/compare.sh (polypress
##        against Typst, WeasyPrint and pandoc, in English, Arabic and Urdu, each
##        pair run alternately; a peer that is not installed is named and skipped).
##        Never part of `make test` or CI. BENCH narrows the Go benchmarks:
##        make bench BENCH=/2000$; RUNS sets the scripts' rounds (default 5).
BENCH ?= .
bench:
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count 1 -timeout 60m \
		./pipeline/source ./pipeline/localize ./pipeline/text \
		./pipeline/render/pdf ./pipeline/render/epub ./pipeline/build
	bench/targets.sh
	bench/compare.sh

clean:
	rm -rf $(OUT) bin
