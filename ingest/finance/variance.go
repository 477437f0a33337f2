package finance

import (
	"strings"
	"unicode"

	"pkportal/ingest/source"
	"pkportal/report"
)

// variances reads the items of section IV: each is a line "Écart" followed
// by the class's label, its amount and its percentage, e.g.
// "Police des Nations Unies (2 513,7) (21,9 %)".
func (p *parser) variances(pos int, tables []*report.Table) ([]*report.Variance, []source.Span, error) {
	lines := p.doc.Lines
	iv := -1
	for i := pos; i < len(lines); i++ {
		t := p.text(i)
		if m := romanHeading.FindStringSubmatch(t); m != nil && m[1] == "IV" && strings.HasPrefix(strings.TrimSpace(t[len(m[1])+1:]), norm(p.v.VarianceSection)) {
			iv = i
			break
		}
	}
	if iv < 0 {
		return nil, nil, nil
	}
	groups := map[string]string{}
	for _, t := range tables {
		if t.ID == "iii-a" {
			for _, r := range t.Rows {
				if r.Type == report.RowItem {
					groups[r.Label] = r.Group
				}
			}
		}
	}
	var vs []*report.Variance
	var spans []source.Span
	seen := map[string]bool{}
	header := norm(p.v.VarianceHeader)
	for i := iv + 1; i < len(lines); i++ {
		t := p.text(i)
		if m := romanHeading.FindStringSubmatch(t); m != nil && m[1] != "IV" {
			break
		}
		if t != header {
			continue
		}
		j := i + 1
		txt := ""
		var label string
		var cells []string
		for ; j < len(lines) && j-i <= 3; j++ {
			if numberedPara.MatchString(p.text(j)) || p.text(j) == header {
				break
			}
			txt = norm(txt + " " + p.text(j))
			var err error
			label, cells, err = p.splitVariance(txt)
			if err != nil {
				return nil, nil, p.doc.Errorf(lines[i+1].N, "variance item: %v", err)
			}
			if cells != nil {
				j++
				break
			}
		}
		if cells == nil {
			return nil, nil, p.doc.Errorf(p.lineN(i+1), "expected a variance item (label, amount, percentage %s) after %q, found %q", p.v.PercentSign, header, p.textAt(i+1))
		}
		amount, ok1 := p.num.Parse(cells[0])
		pct, ok2 := p.num.Parse(cells[1])
		if !ok1 || !ok2 || label == "" {
			return nil, nil, p.doc.Errorf(lines[i+1].N, "expected a variance item (label, amount, percentage %s), found %q", p.v.PercentSign, txt)
		}
		label = p.doc.Clean(label)
		id := VarianceID(label)
		if seen[id] {
			return nil, nil, p.doc.Errorf(lines[i+1].N, "variance item %q appears twice", label)
		}
		seen[id] = true
		vs = append(vs, &report.Variance{ID: id, Label: label, Group: groups[label], Amount: amount, Percent: pct, Paragraphs: []int{}, Line: lines[i].N})
		spans = append(spans, source.Span{From: i, To: j, Block: report.Block{Variance: id}})
		i = j - 1
	}
	return vs, spans, nil
}

// splitVariance cuts "Label 1 234,5 12,3 %" or "Label (2 513,7) (21,9 %)"
// into the label and the two raw figures; nil figures when the text has no
// percentage yet.
func (p *parser) splitVariance(txt string) (string, []string, error) {
	sign := norm(p.v.PercentSign)
	if !strings.Contains(txt, sign) {
		return txt, nil, nil
	}
	t := strings.TrimSpace(strings.Replace(txt, sign, "", -1))
	if p.v.CurrencySign != "" {
		t = strings.Replace(t, p.v.CurrencySign, "", -1)
	}
	t = strings.Replace(t, " )", ")", -1)
	tok := strings.Fields(t)
	kmin := len(tok)
	for kmin > 0 && p.cellPiece.MatchString(tok[kmin-1]) {
		kmin--
	}
	for k := kmin; k < len(tok); k++ {
		if parts := p.partitions(tok[k:], 2, 2); len(parts) == 1 {
			return strings.Join(tok[:k], " "), parts[0], nil
		}
	}
	return txt, nil, nil
}

// VarianceID returns the anchor of a variance item: "iv-" and the label in
// lower-case ASCII, accents stripped, words joined by "-":
// "Observateurs militaires" → "iv-observateurs-militaires".
func VarianceID(label string) string {
	return "iv-" + Slugify(label)
}

var folds = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a",
	'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i", 'ñ': "n",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u", 'ÿ': "y", 'ý': "y",
	'œ': "oe", 'æ': "ae", 'ß': "ss",
}

// Slugify writes a label in lower-case ASCII, accents stripped, words
// joined by "-".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := folds[r]; ok {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString(f)
			dash = false
			continue
		}
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
