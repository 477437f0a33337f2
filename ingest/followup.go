package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"pkportal/ingest/source"
	"pkportal/report"
)

// resolutionLine is the line under the body in section VI: "(Résolution 75/302)".
var resolutionLine = regexp.MustCompile(`^\(\s*\pL+\s+(\d{1,3}/\d{1,4})\s*\)$`)

// parseFollowUp reads the table of section VI. The PDF prints it in two
// columns, request and action; the text gives each row's request lines,
// then its action lines. A request ends with its paragraph of the
// resolution, "(par. 12)."; the action goes on until a line that starts
// with one of the vocabulary's operative verbs after a line that ends a
// sentence. The column headings, repeated after page breaks, are skipped;
// the body ("Assemblée générale") is the line above "(Résolution 75/302)".
func parseFollowUp(doc *source.Doc, voc *vocabulary, lines []source.Line) ([]*report.FollowUp, error) {
	parRef := regexp.MustCompile(`\(` + regexp.QuoteMeta(voc.ParagraphRef) + `\s*(\d+[a-z]?(?:\s*[-–,]\s*\d+[a-z]?)*)\)\.?$`)
	skip := map[int]bool{}
	var body, resolution string
	bodies := map[int][2]string{} // index of the row's first line → body, resolution
	for i, l := range lines {
		if m := resolutionLine.FindStringSubmatch(l.Text); m != nil {
			skip[i] = true
			resolution = m[1]
			body = ""
			if i > 0 && !skip[i-1] {
				skip[i-1] = true
				body = lines[i-1].Text
			}
			bodies[i+1] = [2]string{body, resolution}
		}
	}
	var rows []*report.FollowUp
	var req, act []source.Line
	var cur *report.FollowUp
	const (
		none = iota
		request
		action
	)
	state := none
	finish := func() error {
		if cur == nil {
			return nil
		}
		if state != action || len(act) == 0 {
			return doc.Errorf(req[0].N, "expected a request of section VI ending with (%s N) and the action taken after it", voc.ParagraphRef)
		}
		cur.Request = doc.Join(req)
		cur.Action = doc.Join(act)
		rows = append(rows, cur)
		cur, req, act = nil, nil, nil
		return nil
	}
	afterBreak := true
	for i, l := range lines {
		if br, ok := bodies[i]; ok {
			body, resolution = br[0], br[1]
		}
		if skip[i] {
			afterBreak = true
			continue
		}
		if columnHeading(voc, l.Text) {
			afterBreak = true
			continue
		}
		startsRow := state == none || (state == action && (afterBreak || endsSentence(lines[i-1].Text)) && requestVerb(voc, l.Text))
		afterBreak = false
		if startsRow {
			if err := finish(); err != nil {
				return nil, err
			}
			cur = &report.FollowUp{ID: "vi-" + strconv.Itoa(len(rows)+1), Body: body, Resolution: resolution, Line: l.N}
			state = request
		}
		switch state {
		case request:
			req = append(req, l)
			if m := parRef.FindStringSubmatch(l.Text); m != nil {
				cur.ResolutionParagraph = m[1]
				state = action
			}
		case action:
			act = append(act, l)
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return rows, nil
}

// columnHeading reports whether a line is the column headings of section VI.
func columnHeading(voc *vocabulary, t string) bool {
	if len(voc.FollowUpColumns) == 0 {
		return false
	}
	t = norm(t)
	at := 0
	for _, c := range voc.FollowUpColumns {
		k := strings.Index(t[at:], norm(c))
		if k < 0 || (at == 0 && k != 0) {
			return false
		}
		at += k + len(norm(c))
	}
	return strings.TrimSpace(t[at:]) == ""
}

// requestVerb reports whether a line starts with an operative verb.
func requestVerb(voc *vocabulary, t string) bool {
	for _, v := range voc.FollowUpRequestVerbs {
		if strings.HasPrefix(t, v+" ") || t == v {
			return true
		}
	}
	return false
}

func endsSentence(t string) bool {
	t = strings.TrimSpace(t)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, ".)") || strings.HasSuffix(t, ".»")
}
