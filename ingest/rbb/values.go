package rbb

import (
	"strings"

	"pkportal/report"
)

var comparators = []string{"≥", "≤", "<", ">"}

// periodValue reads one value of a parenthesis: "21 %" → 21 and "%";
// "≥ 90 %" → "≥", 90 and "%"; "9 réunions par comité" → 9 and "réunions
// par comité". Num is set only when the value starts with a number (after a
// comparison sign) and what follows is a short unit without figures: "5
// régions ; 24 cercles" and "703 sur 703" keep Raw only.
// A bound followed by a phrase of more than four words that qualifies it
// keeps the bound, without a unit: "≤ 120 jours civils à partir de la
// publication des avis de vacance pour les postes de classe P-3 à D-1" →
// "≤", 120 (the indicator's status is read from that bound: the data must
// carry it).
func (p *parser) periodValue(per, raw string) report.PeriodValue {
	raw = normSpaces(raw)
	v := report.PeriodValue{Period: per, Raw: raw}
	s := raw
	cmp := ""
	for _, c := range comparators {
		if strings.HasPrefix(s, c) {
			cmp = c
			s = strings.TrimSpace(strings.TrimPrefix(s, c))
			break
		}
	}
	m := p.leadNumber.FindString(s)
	if m == "" {
		return v
	}
	unit := strings.TrimSpace(s[len(m):])
	if strings.ContainsAny(unit, "0123456789;") || len(strings.Fields(unit)) > 4 {
		// a bound, then a phrase that qualifies it: the bound without a
		// unit (which words of the phrase are the unit is no rule's to
		// say); a second figure ("≥ 703 sur 703", "≥ 5 régions ; 24
		// cercles") is no qualifier
		if cmp == "" || strings.Contains(unit, ";") || len(strings.Fields(unit)) <= 4 {
			return v
		}
		unit = ""
	}
	num, ok := p.num.Parse(m)
	if !ok {
		return v
	}
	v.Num, v.Unit, v.Comparator = num, unit, cmp
	return v
}
