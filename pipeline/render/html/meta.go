package html

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// openGraph are the Open Graph properties of a page: what a link preview
// (messaging apps, social networks) shows. og:url and og:image need
// absolute URLs, which a page does not know, so they are left out.
func openGraph(title, desc, locale, issuer string, date time.Time, alts []render.Alternate) []property {
	props := []property{{"og:type", "article"}, {"og:title", title}}
	if desc != "" {
		props = append(props, property{"og:description", desc})
	}
	props = append(props, property{"og:locale", ogLocale(locale)})
	for _, a := range alts {
		if a.Locale != locale {
			props = append(props, property{"og:locale:alternate", ogLocale(a.Locale)})
		}
	}
	if issuer != "" {
		props = append(props, property{"og:site_name", issuer})
	}
	if !date.IsZero() {
		props = append(props, property{"article:published_time", date.Format("2006-01-02")})
	}
	return props
}

// ogLocale writes a BCP 47 tag as Open Graph writes locales, with "_":
// "fr-CA" → "fr_CA".
func ogLocale(tag string) string { return strings.ReplaceAll(tag, "-", "_") }

// The schema.org description of a statement is a NewsArticle. schema.org
// has no type for a communiqué or a press release; NewsArticle is the
// Article for news material and has the dateline property, which is the
// statement's printed place and date. GovernmentPermit is a permit (a
// licence) and Legislation a legal act: either would misdescribe a
// communiqué or a speech. The issuer is an Organization: the front matter
// does not say whether it is a government.

// thing is a schema.org item. Fields are written in this order and empty
// ones are left out.
type thing struct {
	Context             string   `json:"@context,omitempty"`
	Type                string   `json:"@type"`
	Name                string   `json:"name,omitempty"`
	Headline            string   `json:"headline,omitempty"`
	AlternativeHeadline string   `json:"alternativeHeadline,omitempty"`
	Description         string   `json:"description,omitempty"`
	Genre               string   `json:"genre,omitempty"`
	JobTitle            string   `json:"jobTitle,omitempty"`
	InLanguage          string   `json:"inLanguage,omitempty"`
	URL                 string   `json:"url,omitempty"`
	DatePublished       string   `json:"datePublished,omitempty"`
	Dateline            string   `json:"dateline,omitempty"`
	LocationCreated     *thing   `json:"locationCreated,omitempty"`
	Identifier          string   `json:"identifier,omitempty"`
	Author              []*thing `json:"author,omitempty"`
	Publisher           *thing   `json:"publisher,omitempty"`
	CreativeWorkStatus  string   `json:"creativeWorkStatus,omitempty"`
	TranslationOfWork   *thing   `json:"translationOfWork,omitempty"`
	WorkTranslation     []*thing `json:"workTranslation,omitempty"`
	HasPart             []*thing `json:"hasPart,omitempty"`
	IsAccessibleForFree bool     `json:"isAccessibleForFree,omitempty"`
}

const schemaContext = "https://schema.org"

// articleData describes a statement edition; top is set for the page's own
// item, which carries the context and the links to its translations.
func articleData(ed *doc.Edition, alts []render.Alternate, top bool) *thing {
	t := &thing{
		Type:                "NewsArticle",
		Headline:            ed.Title,
		AlternativeHeadline: ed.Subtitle,
		Genre:               ed.KindLabel,
		InLanguage:          ed.Lang,
		Dateline:            ed.DateLine,
		Identifier:          ed.Reference,
		Publisher:           organization(ed.Issuer),
	}
	if top {
		t.Context = schemaContext
		t.Description = description(ed)
		t.IsAccessibleForFree = true
	}
	if !ed.Date.IsZero() {
		t.DatePublished = ed.Date.Format("2006-01-02")
	}
	if ed.Place != "" {
		t.LocationCreated = &thing{Type: "Place", Name: ed.Place}
	}
	for _, a := range ed.Authors {
		t.Author = append(t.Author, &thing{Type: "Person", Name: a.Name, JobTitle: a.Role})
	}
	if len(t.Author) == 0 && t.Publisher != nil {
		t.Author = []*thing{t.Publisher}
	}
	if ed.Draft {
		t.CreativeWorkStatus = "Draft"
	}
	if !top {
		return t
	}
	// A translation names the edition in the original language; the
	// original names its translations.
	canonical := ed.Source != nil && ed.Source == ed.Canonical
	for _, a := range alts {
		if a.Locale == ed.Locale {
			continue
		}
		ref := &thing{Type: "NewsArticle", InLanguage: a.Lang, URL: a.Href}
		switch {
		case a.Canonical && !canonical:
			t.TranslationOfWork = ref
		case canonical && !a.Canonical:
			t.WorkTranslation = append(t.WorkTranslation, ref)
		}
	}
	return t
}

// collectionData describes a briefing pack: a Collection whose parts are
// its statements.
func collectionData(pe *doc.PackEdition, alts []render.Alternate) *thing {
	t := &thing{
		Context:             schemaContext,
		Type:                "Collection",
		Name:                pe.Title,
		AlternativeHeadline: pe.Subtitle,
		Genre:               pe.KindLabel,
		InLanguage:          pe.Lang,
		Publisher:           organization(pe.Issuer),
		IsAccessibleForFree: true,
	}
	if !pe.Date.IsZero() {
		t.DatePublished = pe.Date.Format("2006-01-02")
	}
	if markup.PackIsDraft(pe) {
		t.CreativeWorkStatus = "Draft"
	}
	for _, ed := range pe.Statements {
		t.HasPart = append(t.HasPart, articleData(ed, alts, false))
	}
	return t
}

func organization(name string) *thing {
	if name == "" {
		return nil
	}
	return &thing{Type: "Organization", Name: name}
}

// jsonLD writes t for a <script type="application/ld+json">. encoding/json
// escapes "<", ">" and "&", so the text cannot end the script element.
func jsonLD(t *thing) template.JS {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(t); err != nil {
		// Only strings and pointers to things: Encode cannot fail.
		panic(err)
	}
	return template.JS(strings.TrimSuffix(b.String(), "\n"))
}

// dataURL embeds data of mediaType in the page.
func dataURL(mediaType string, data []byte) template.URL {
	return template.URL("data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data))
}
