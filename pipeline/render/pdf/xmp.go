package pdf

import (
	"encoding/xml"
	"strings"
)

// xmp returns an XMP packet that repeats the document information
// dictionary (title, author, subject, keywords, creator, dates, language),
// as PDF/A-minded archives and search tools read XMP first.
func xmp(in info, opts Options) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := opts.Created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(in.title) + `</rdf:li></rdf:Alt></dc:title>` + "\n")
	if in.author != "" {
		b.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + esc(in.author) + `</rdf:li></rdf:Seq></dc:creator>` + "\n")
	}
	b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(in.subject) + `</rdf:li></rdf:Alt></dc:description>` + "\n")
	b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + esc(in.lang) + `</rdf:li></rdf:Bag></dc:language>` + "\n")
	b.WriteString(`<pdf:Keywords>` + esc(in.keywords) + `</pdf:Keywords>` + "\n")
	b.WriteString(`<xmp:CreatorTool>` + esc(opts.Creator) + `</xmp:CreatorTool>` + "\n")
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate><xmp:ModifyDate>` + date + `</xmp:ModifyDate>` + "\n")
	b.WriteString(`</rdf:Description></rdf:RDF></x:xmpmeta>` + "\n")
	b.WriteString(`<?xpacket end="r"?>`)
	return []byte(b.String())
}
