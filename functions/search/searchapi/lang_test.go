package searchapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// On the English results page, a title or a citation's quote that is the
// French report's own words is marked French (a screen reader read
// "Ressources financières" with an English voice); the English words of
// the page are not, and the French page marks nothing of the kind.
func TestResultTitlesInTheReportsLanguage(t *testing.T) {
	en := serve(t, map[string]string{"q": "ressources kind:table", "lang": "en"}, htmlAccept).Body
	if !strings.Contains(en, `lang="fr">Ressources financières</a>`) {
		t.Errorf("English page: a table's French title not marked: %.3000s", en)
	}
	if !strings.Contains(en, `“<span lang="fr">Ressources financières</span>”`) && !strings.Contains(en, `“<span lang="fr">Exécution du budget : ressources financières</span>”`) {
		t.Errorf("English page: a citation's French quote not marked: %.3000s", en)
	}
	out := serve(t, map[string]string{"q": "drones kind:output", "lang": "en"}, htmlAccept).Body
	if strings.Contains(out, `<a href="/en/a-76-564/ii-f-2/#ea-2-1-o6" lang=`) || !strings.Contains(out, `#ea-2-1-o6">expected accomplishment`) {
		t.Errorf("English page: an output's English title: %.3000s", out)
	}
	fr := serve(t, map[string]string{"q": "ressources kind:table", "lang": "fr"}, htmlAccept).Body
	if strings.Contains(fr, `lang="fr">Ressources`) || strings.Contains(fr, `<span lang="fr">`) {
		t.Errorf("French page marks French titles: %.3000s", fr)
	}
}

// The kind parameter takes a kind's French name too (the French results
// page's readers type "produit"), and refuses an unknown one with a 400.
func TestKindParameterInFrench(t *testing.T) {
	var fr, en Answer
	a := serve(t, map[string]string{"q": "drones", "kind": "produit", "lang": "fr"}, "application/json")
	b := serve(t, map[string]string{"q": "drones", "kind": "output", "lang": "fr"}, "application/json")
	if a.StatusCode != 200 || json.Unmarshal([]byte(a.Body), &fr) != nil || json.Unmarshal([]byte(b.Body), &en) != nil || fr.Total == 0 || fr.Total != en.Total {
		t.Errorf("kind=produit: %d %.200s; kind=output: %d results", a.StatusCode, a.Body, en.Total)
	}
	if bad := serve(t, map[string]string{"q": "drones", "kind": "produits", "lang": "fr"}, "application/json"); bad.StatusCode != 400 {
		t.Errorf("kind=produits: %d", bad.StatusCode)
	}
}
