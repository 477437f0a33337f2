package ingest

import (
	"strings"
	"testing"

	"pkportal/ingest/source"
)

// englishText is a small report in English with every heading of the
// vocabulary, to check that the section parser reads a language from its
// vocabulary only. It has no financial table or framework: the other
// parsers are left out.
const englishText = `  Summary

 The present report contains the budget performance of the United Nations
Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) for the period
from 1 July 2020 to 30 June 2021.
 The actions to be taken by the General Assembly are set out in section V of the
present report.
  I. Introduction
1. The proposed budget (A/74/745) was approved by the General Assembly in its
resolution 74/290.
 II. Mandate performance
 A. Overall
2. The Security Council, by its resolutions 2480 (2019) and 2531 (2020), decided.
 B. Budget implementation
3. The unspent balance is explained: (a) the first reason; (b) the second
reason. Other text.
 C. Mission support initiatives
4. Support.
 D. Regional mission cooperation
5. Cooperation.
 E. Partnerships, country team coordination and integrated
missions
6. Partnerships.
 F. Results-based budgeting frameworks
  Component 1: political engagement, implementation of the peace agreement
in the north
7. Component text.
  Component 2: support
8. Support text.
  III. Resource performance
 A. Financial resources
 B. Summary information on redeployments across groups
9. Redeployments.
 C. Monthly expenditure pattern
10. July peak.
 D. Other revenue and adjustments
 E. Expenditure for contingent-owned equipment: major equipment and
self-sustainment
 F. Value of non-budgeted contributions
 IV. Analysis of variances1
11. The variance is attributable to fewer flights.
__________________
 1  Resource variance amounts are expressed in thousands of United States dollars.
 V. Actions to be taken by the General Assembly
12. With regard to the financing of MINUSMA, the actions to be taken by the General
Assembly are:
 (a) To decide on the treatment of the unencumbered balance of $80,025,500;
 (b) To decide on the treatment of other revenue amounting to $48,772,500.
 VI. Summary of follow-up action taken to implement the decisions and
requests of the General Assembly in its resolution 75/302
 General Assembly
(Resolution 75/302)
Decision/request  Action taken to implement decision/request
Requests the Secretary-General to report (para. 12).
The Mission reported.
Stresses the importance of oversight (para. 35).
The Mission complied.
`

func TestEnglishVocabulary(t *testing.T) {
	none := func(*source.Doc, string) (*external, error) { return &external{}, nil }
	r, err := parse("A-76-999.en.txt", []byte(englishText), none)
	if err != nil {
		t.Fatal(err)
	}
	if r.Symbol != "A/76/999" || r.Mission.Acronym != "MINUSMA" || r.Period.Label != "2020/21" ||
		r.Title != "Budget performance of the United Nations Multidimensional Integrated Stabilization Mission in Mali for the period from 1 July 2020 to 30 June 2021" {
		t.Errorf("metadata: %q %+v %+v %q", r.Symbol, r.Mission, r.Period, r.Title)
	}
	ps, secs := numbered(r)
	if len(ps) != 12 || secs[7] != "ii-f-1" || secs[8] != "ii-f-2" || secs[11] != "iv" || secs[12] != "v" {
		t.Errorf("%d paragraphs, sections %v", len(ps), secs)
	}
	if itemLabels(ps[3].Items) != "a,b" || ps[3].Tail != "Other text." {
		t.Errorf("paragraph 3: %+v", ps[3])
	}
	if len(r.Decisions) != 2 || r.Decisions[0].Amount != "80025500" || r.Decisions[1].Amount != "48772500" {
		t.Errorf("decisions: %+v", r.Decisions)
	}
	if len(r.FollowUp) != 2 || r.FollowUp[1].ResolutionParagraph != "35" || r.FollowUp[0].Body != "General Assembly" || r.FollowUp[1].Action != "The Mission complied." {
		t.Errorf("follow-up: %+v", r.FollowUp)
	}
	if len(r.Footnotes) != 1 || !strings.HasPrefix(r.Footnotes[0].Text, "Resource variance") {
		t.Errorf("footnotes: %+v", r.Footnotes)
	}
	var syms []string
	for _, c := range ps[2].Citations {
		syms = append(syms, c.URL)
	}
	if strings.Join(syms, " ") != "https://undocs.org/en/S/RES/2480(2019) https://undocs.org/en/S/RES/2531(2020)" {
		t.Errorf("citations: %v", syms)
	}
	if len(r.Components) != 2 || r.Components[0].Title != "Component 1: political engagement, implementation of the peace agreement in the north" {
		t.Errorf("components: %+v", r.Components[0])
	}
}
