package localize

// Files returns the names of the locale files the Printer draws messages
// and conventions from ("fr.toml", then its parents, the canonical
// language's and the source locale's), in the order they are consulted. A
// release records their digests as the sources of each edition, so a
// changed locale file shows up as a changed source.
func (p *Printer) Files() []string {
	out := make([]string, len(p.chain))
	for i, lf := range p.chain {
		out[i] = lf.name + ".toml"
	}
	return out
}
