package doc

import "time"

// ParallelEdition is one statement in two or three languages set side by
// side, as treaties, joint declarations and the gazettes of bilingual
// states are: each language in a column, every clause starting level with
// the same clause of the others. It is made from the statement's editions
// in those languages by pipeline/parallel, which decides what stands
// beside what; renderers only lay the rows out.
type ParallelEdition struct {
	// ID names the output files: <ID>.<Name>.pdf.
	ID string
	// Name is the locales joined by "-" in the order asked ("en-fr"): the
	// edition's name in file names and manifests. It is not a language
	// tag.
	Name string
	// Editions are the statement's editions, in the order asked: the
	// first is the edition's main language (its document language, the
	// one read first).
	Editions []*Edition
	// Rows are the parts of the editions' bodies that start level with
	// each other, in reading order. The title block comes before them and
	// the authors after them; renderers set those side by side as rows of
	// their own.
	Rows []ParallelRow
	// Draft is set when any of the editions is a draft.
	Draft bool
}

// Date is the statement's date, which dates the file when no
// SOURCE_DATE_EPOCH is given.
func (pe *ParallelEdition) Date() time.Time {
	if len(pe.Editions) == 0 {
		return time.Time{}
	}
	return pe.Editions[0].Date
}

// Locales are the locales of the editions, in order.
func (pe *ParallelEdition) Locales() []string {
	out := make([]string, len(pe.Editions))
	for i, ed := range pe.Editions {
		out[i] = ed.Locale
	}
	return out
}

// ParallelRow is one row of a parallel edition: for each edition, in the
// order of ParallelEdition.Editions, the parts of its body that stand
// beside the others'. Usually each cell holds one part (a clause, a
// heading, a paragraph); where the translations divide their
// unnumbered paragraphs differently, the paragraphs between two landmarks
// they share form one row together. A cell may be empty.
type ParallelRow struct {
	Cells [][]Part
}

// Part is a piece of a body that a row holds: a whole block (a paragraph,
// a heading, a quotation, or a block of any other kind), the lead-in of a
// clause list, or one top-level clause of a list with its sub-clauses.
type Part struct {
	// Block is set for a whole block.
	Block Block
	// List is the clause list of a lead-in (Clause nil) or of a clause.
	List *ClauseList
	// Clause is a top-level clause of List.
	Clause *Clause
}
