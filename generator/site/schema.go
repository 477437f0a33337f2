package site

import (
	"reflect"
	"strings"

	"pkportal/report"
)

// SchemaDialect is the JSON Schema dialect of report.schema.json.
const SchemaDialect = "https://json-schema.org/draft/2020-12/schema"

// typeDocs describe the types of the report model in the schema.
var typeDocs = map[string]string{
	"Report":         "One budget performance report of a United Nations peacekeeping mission, in one language, as pkportal structures it.",
	"Mission":        "The peacekeeping mission a report is about.",
	"Period":         "A financial period, from 1 July to 30 June.",
	"Section":        "A heading of the report with what it holds, in order.",
	"Block":          "One piece of a section's content; exactly one field is set.",
	"Paragraph":      "A paragraph of text, numbered or not.",
	"Item":           "A lettered or numbered sub-item of a paragraph.",
	"Citation":       "A document symbol or resolution cited in the text.",
	"Note":           "A footnote of a table or of the document.",
	"Warning":        "A discrepancy that is the source's own, published with the figures it concerns.",
	"Table":          "A table of the report; its CSV and JSON files are /data/{slug}/{id}.csv and .json.",
	"Column":         "One column of a table: key is the stable snake_case field name of the CSV.",
	"Row":            "One row of a table; row_type is item, subtotal, total, heading or deduction (a row subtracted from the total above it, e.g. staff assessment income: gross − it = net); the items add up to the table's final total.",
	"Cell":           "A value of a table as printed (raw) and as understood (num or text); neither num nor text for the source's dash.",
	"Component":      "A component of the results-based budgeting frameworks of section II.F.",
	"Accomplishment": "An expected accomplishment with its indicators of achievement and its outputs.",
	"Indicator":      "An indicator of achievement: planned, period values (the last is the target), actual, and the status the report gives.",
	"PeriodValue":    "The value of an indicator for one period.",
	"Output":         "A planned output with what was delivered.",
	"Delivered":      "One figure of an output's completed column.",
	"Variance":       "An item of section IV: a budget class whose expenditure differs from its apportionment.",
	"Decision":       "An action the General Assembly is asked to take (section V).",
	"FollowUp":       "A row of section VI: a request of a legislative body and the action taken.",
}

// fieldEnums are the closed lists of values of some fields.
var fieldEnums = map[string][]string{
	"Row.row_type":     {report.RowItem, report.RowSubtotal, report.RowTotal, report.RowHeading, report.RowDeduction},
	"Indicator.status": {report.StatusAchieved, report.StatusNotAchieved, report.StatusPartly, report.StatusNotAssessable},
	"Column.type":      {"number", "string", "date"},
}

// ReportSchema returns the JSON Schema (draft 2020-12) of report.json,
// derived from the Go types of the report model: every struct is a
// definition whose properties are its JSON fields, required unless
// omitempty, and no others; a report.Decimal is a JSON number.
func ReportSchema() map[string]any {
	defs := map[string]any{}
	root := schemaOf(reflect.TypeFor[report.Report](), defs)
	s := map[string]any{
		"$schema":        SchemaDialect,
		"$id":            "report.schema.json",
		"title":          "pkportal structured report",
		"description":    typeDocs["Report"] + " Amounts are in " + report.AmountUnit + ", as in the report.",
		"schema_version": report.SchemaVersion,
		"$ref":           root["$ref"],
		"$defs":          defs,
	}
	// report.json of this schema version says so
	// a block holds exactly one thing
	block := defs["Block"].(map[string]any)
	block["minProperties"], block["maxProperties"] = 1, 1
	rep := defs["Report"].(map[string]any)
	rep["properties"].(map[string]any)["$schema"] = map[string]any{"type": "string", "description": "The address of this schema."}
	rep["properties"].(map[string]any)["schema_version"] = map[string]any{"const": report.SchemaVersion, "description": "Version of this schema; the minor number grows when a field is added, the major when one changes or disappears."}
	return s
}

// withDescription returns a copy of the schema s with a description.
func withDescription(s map[string]any, d string) map[string]any {
	out := make(map[string]any, len(s)+1)
	for k, v := range s {
		out[k] = v
	}
	out["description"] = d
	return out
}

var decimalType = reflect.TypeFor[report.Decimal]()

// schemaOf returns the schema of t, adding the structs it meets to defs.
func schemaOf(t reflect.Type, defs map[string]any) map[string]any {
	if t == decimalType {
		return map[string]any{"type": []string{"number", "null"}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem(), defs)
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		// a nil slice is written as null
		return map[string]any{"type": []string{"array", "null"}, "items": schemaOf(t.Elem(), defs)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), defs)}
	case reflect.Struct:
		name := t.Name()
		ref := map[string]any{"$ref": "#/$defs/" + name}
		if _, done := defs[name]; done {
			return ref
		}
		def := map[string]any{"type": "object", "additionalProperties": false}
		if d := typeDocs[name]; d != "" {
			def["description"] = d
		}
		defs[name] = def // before the fields: types may recurse
		props := map[string]any{}
		var required []string
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			key, opts, _ := strings.Cut(tag, ",")
			if key == "" {
				key = f.Name
			}
			ps := schemaOf(f.Type, defs)
			if enum, ok := fieldEnums[name+"."+key]; ok {
				ps = map[string]any{"type": "string", "enum": enum}
			}
			if d := fieldDocs[name+"."+key]; d != "" {
				ps = withDescription(ps, d)
			}
			props[key] = ps
			if !strings.Contains(","+opts+",", ",omitempty,") {
				required = append(required, key)
			}
		}
		def["properties"] = props
		if len(required) > 0 {
			def["required"] = required
		}
		return ref
	default:
		return map[string]any{}
	}
}
