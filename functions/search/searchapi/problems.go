package searchapi

import (
	"fmt"
	"net/http"

	"pkportal/search"
)

// problem is what a bad request is told, in each UI language: a reader
// who sent the portal's form reads it on the results page, a script as
// plain text.
type problem struct {
	status int
	en, fr string
}

// bad is a 400 whose two messages take the same arguments.
func bad(en, fr string, args ...any) problem {
	return problem{http.StatusBadRequest, fmt.Sprintf(en, args...), fmt.Sprintf(fr, args...)}
}

// in is the message in lang ("fr" or English).
func (p problem) in(lang string) string {
	if lang == "fr" {
		return p.fr
	}
	return p.en
}

var (
	notGet = problem{http.StatusMethodNotAllowed,
		"method not allowed: use GET",
		"méthode non permise : utilisez GET"}
	noQuery = bad(
		"type the words to search for (parameter q is empty)",
		"saisissez les mots à rechercher (le paramètre q est vide)")
	notUTF8 = bad(
		"parameter q is not valid UTF-8",
		"le paramètre q n’est pas de l’UTF-8 valide")
	tooLong = bad(
		"the search is longer than %d characters",
		"la recherche dépasse %d caractères", MaxQuery)
	noWord = bad(
		"the search has no word to look for: only short common words such as “the” or “of”, or none",
		"la recherche ne contient aucun mot à chercher : seulement des mots courts et fréquents comme « le » ou « de », ou aucun")
	shortPrefix = bad(
		"the search has no word to look for: a prefix needs two letters or more before its *, as in drone*",
		"la recherche ne contient aucun mot à chercher : un préfixe demande au moins deux lettres avant son *, comme drone*")
	badLimit = bad(
		"parameter limit must be a number from 1 to %d",
		"le paramètre limit doit être un nombre de 1 à %d", MaxPageSize)
	badPage = bad(
		"parameter page must be a number from 1 to 1000",
		"le paramètre page doit être un nombre de 1 à 1000")
)

func unknownParam(k string) problem {
	return bad("unknown parameter %q: accepted are q, lang, kind, report, page, limit",
		"paramètre inconnu %q : sont acceptés q, lang, kind, report, page, limit", k)
}

func repeatedParam(k string, n int) problem {
	return bad("parameter %q given %d times: give it once",
		"paramètre %q donné %d fois : donnez-le une fois", k, n)
}

// filterProblem tells what was wrong with a filter (kind, report, lang),
// with the values accepted, which it finds in the index when the error
// does not carry them (a filter typed without a value, "kind:").
func (h *Handler) filterProblem(fe *search.FilterError) problem {
	if fe.Conflict != "" {
		return bad("%s given twice, as %q and %q: give it once",
			"%s donné deux fois, %q et %q : donnez-le une fois", fe.Key, fe.Conflict, fe.Value)
	}
	if len(fe.Accepted) == 0 {
		e := *fe
		switch fe.Key {
		case "kind":
			e.Accepted = search.Kinds
		case "lang":
			e.Accepted = h.langs
		case "report":
			e.Accepted = h.ix.Reports()
		}
		fe = &e
	}
	if fe.Value == "" {
		return bad("the filter %s: has no value: accepted values are %s",
			"le filtre %s: n’a pas de valeur : valeurs acceptées : %s", fe.Key, fe.AcceptedList())
	}
	return bad("unknown %s %q: accepted values are %s",
		"valeur inconnue pour %s : %q ; valeurs acceptées : %s", fe.Key, fe.Value, fe.AcceptedList())
}
