# polypress — the two commands a user needs are `make sample` and `make test`.
GO ?= go
OUT ?= dist
# Every sample statement, and the briefing pack (built in en, fr and ar, as its manifest says).
SAMPLES := samples/oic-contact-group-2020 samples/world-scripts samples/briefing-pack

.PHONY: all sample test vet fmt bench clean

all: sample

## sample: build every sample edition into $(OUT)/ with the embedded fonts and locales
sample:
	$(GO) run ./cmd/polypress build --out $(OUT) $(SAMPLES)

## test: unit tests, then the sample editions checked as a reader sees them
##       (pdftotext, pdffonts, EPUBCheck, Ace by DAISY; see .ci/run for the tools)
test: vet
	$(GO) test -count=1 -timeout 20m ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf $(OUT)
