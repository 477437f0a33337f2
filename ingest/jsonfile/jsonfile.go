// Package jsonfile decodes the JSON files of ingest that people edit by
// hand (a source's corrections file, the vocabularies of ingest/lang)
// strictly, an unknown field being an error, and says where a mistake is:
// the file, the line and column, and what was expected there.
//
// It is a leaf: ingest/lang, the lowest package of ingest, uses it.
package jsonfile

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a mistake in a JSON file.
type Error struct {
	// File is the file's name, as the reader knows it.
	File string
	// Line and Column are where the mistake is, from 1 (Column counts
	// characters, not bytes); 0 when it is nowhere (an empty file).
	Line, Column int
	// Msg says what was expected there.
	Msg string
	// Err is encoding/json's error.
	Err error
}

// Error reads "sources/A-76-564.fr.corrections.json line 12 column 5:
// expected a string for "reason", found a number".
func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s line %d column %d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Unwrap returns encoding/json's error.
func (e *Error) Unwrap() error { return e.Err }

// Decode decodes the JSON value of data, the content of the file name,
// into v as a json.Decoder does, with unknown fields an error, and
// anything but spaces after the value too (a correction appended after
// the closing bracket would otherwise be dropped without a word). Its
// errors are *Error.
func Decode(name string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		end := int(dec.InputOffset())
		rest := bytes.TrimLeft(data[end:], " \t\r\n")
		if len(rest) == 0 {
			return nil
		}
		e := &Error{File: name, Msg: "expected the end of the file after the JSON value, found " + strconv.Quote(string(rest[:min(len(rest), 20)]))}
		e.Line, e.Column = position(data, len(data)-len(rest))
		return e
	}
	off, msg := locate(data, reflect.TypeOf(v), err)
	e := &Error{File: name, Msg: msg, Err: err}
	if off >= 0 {
		e.Line, e.Column = position(data, off)
	}
	return e
}

// locate returns the offset in data of the mistake err reports (-1 if
// none) and what was expected there; t is the type decoded into.
func locate(data []byte, t reflect.Type, err error) (int, string) {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	errors.As(err, &syntax)
	errors.As(err, &typ)
	switch {
	case errors.Is(err, io.EOF):
		return -1, "empty file: expected a JSON value"
	case errors.Is(err, io.ErrUnexpectedEOF) || syntax != nil && syntax.Offset >= int64(len(data)):
		return len(bytes.TrimRight(data, " \t\r\n")), "unexpected end of the file: " + unclosed(data)
	case syntax != nil:
		// the offset is after the byte that is wrong
		return int(max(syntax.Offset-1, 0)), syntax.Error()
	case typ != nil:
		return valueStart(data, int(typ.Offset)), typeMessage(typ)
	}
	if s, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if name, err := strconv.Unquote(s); err == nil {
			msg := fmt.Sprintf("unknown field %q", name)
			f := finder{dec: json.NewDecoder(bytes.NewReader(data)), data: data, name: name}
			if found, _ := f.value(t); found {
				return f.off, msg + ": expected one of " + strings.Join(f.fields, ", ")
			}
			return -1, msg
		}
	}
	return -1, strings.TrimPrefix(err.Error(), "json: ")
}

// position returns the line and column, from 1, of offset off of data.
func position(data []byte, off int) (line, column int) {
	off = min(max(off, 0), len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:off], []byte("\n")) + 1, utf8.RuneCount(data[start:off]) + 1
}

// escaped tells whether the byte at i is escaped by a backslash.
func escaped(data []byte, i int) bool {
	n := 0
	for i > 0 && data[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// stringStart returns the offset of the opening quote of the string whose
// closing quote is at end.
func stringStart(data []byte, end int) int {
	for i := end - 1; i >= 0; i-- {
		if data[i] == '"' && !escaped(data, i) {
			return i
		}
	}
	return end
}

// valueStart returns where the value that encoding/json's type error at
// off is about starts: the error is at the end of a literal, or just after
// the [ or { that opens an array or object.
func valueStart(data []byte, off int) int {
	if off <= 0 || off > len(data) {
		return min(max(off, 0), len(data))
	}
	switch data[off-1] {
	case '[', '{':
		return off - 1
	case '"':
		return stringStart(data, off-1)
	}
	i := off
	for i > 0 && !strings.ContainsRune(" \t\r\n,:[{", rune(data[i-1])) {
		i--
	}
	return i
}

// unclosed says what a file that ends inside a value was expected to
// hold: the end of its last string, or the ] or } of its innermost array
// or object.
func unclosed(data []byte) string {
	var open []int // offsets of the [ and { not closed
	str := -1      // offset of the quote of the string not closed
	for i := 0; i < len(data); i++ {
		c := data[i]
		if str >= 0 {
			switch c {
			case '\\':
				i++
			case '"':
				str = -1
			}
			continue
		}
		switch c {
		case '"':
			str = i
		case '[', '{':
			open = append(open, i)
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if str >= 0 {
		line, col := position(data, str)
		return fmt.Sprintf(`expected " to close the string of line %d column %d`, line, col)
	}
	if len(open) > 0 {
		o := open[len(open)-1]
		closing := map[byte]byte{'[': ']', '{': '}'}[data[o]]
		line, col := position(data, o)
		return fmt.Sprintf("expected %c to close the %c of line %d column %d", closing, data[o], line, col)
	}
	return "expected the rest of the value"
}

// typeMessage words a type error: `expected a string for "reason", found
// a number`.
func typeMessage(e *json.UnmarshalTypeError) string {
	msg := "expected " + describe(e.Type)
	if e.Field != "" {
		msg += fmt.Sprintf(" for %q", e.Field)
	}
	found := e.Value
	switch {
	case found == "number" || found == "string":
		found = "a " + found
	case found == "array" || found == "object":
		found = "an " + found
	case found == "bool":
		found = "true or false"
	case strings.HasPrefix(found, "number "):
		found = "the " + found
	}
	return msg + ", found " + found
}

// describe names what a value of type t is written as in JSON: "a
// string", "an array of strings".
func describe(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		switch e := describe(t.Elem()); {
		case strings.HasPrefix(e, "a "):
			return "an array of " + strings.TrimPrefix(e, "a ") + "s"
		case strings.HasPrefix(e, "an ") && !strings.Contains(e, " of "):
			return "an array of " + strings.TrimPrefix(e, "an ") + "s"
		}
		return "an array"
	}
	return t.String()
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// finder finds the unknown field encoding/json reported: the first key,
// in the document's order, of an object decoded into a struct that has
// no field of that name, as encoding/json decodes it.
type finder struct {
	dec  *json.Decoder
	data []byte
	name string
	// off is the offset of the key found, fields the fields of its struct.
	off    int
	fields []string
}

// value walks the next value of the document, decoded into a t (nil: a
// value whose fields no struct checks), and reports whether the unknown
// field is in it.
func (f *finder) value(t reflect.Type) (bool, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && (reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler)) {
		t = nil
	}
	tok, err := f.dec.Token()
	if err != nil {
		return false, err
	}
	switch tok {
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for f.dec.More() {
			if found, err := f.value(elem); found || err != nil {
				return found, err
			}
		}
	case json.Delim('{'):
		var fields []field
		if t != nil && t.Kind() == reflect.Struct {
			fields = fieldsOf(t)
		}
		for f.dec.More() {
			tok, err := f.dec.Token()
			if err != nil {
				return false, err
			}
			key, _ := tok.(string)
			var vt reflect.Type
			switch {
			case t != nil && t.Kind() == reflect.Map:
				vt = t.Elem()
			case t != nil && t.Kind() == reflect.Struct:
				ft, ok := lookup(fields, key)
				if !ok && key == f.name {
					// the offset is just after the key's closing quote
					f.off = stringStart(f.data, int(f.dec.InputOffset())-1)
					for _, fd := range fields {
						f.fields = append(f.fields, fd.name)
					}
					return true, nil
				}
				vt = ft
			}
			if found, err := f.value(vt); found || err != nil {
				return found, err
			}
		}
	default:
		return false, nil
	}
	_, err = f.dec.Token() // the closing ] or }
	return false, err
}

// field is a struct field as encoding/json names it.
type field struct {
	name string
	typ  reflect.Type
}

// fieldsOf returns the fields encoding/json decodes into a struct of type
// t, those of its embedded structs included.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				out = append(out, fieldsOf(et)...)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{name, sf.Type})
	}
	return out
}

// lookup finds the field a key decodes into: its exact name, else a name
// equal but for case, as encoding/json does.
func lookup(fields []field, key string) (reflect.Type, bool) {
	for _, f := range fields {
		if f.name == key {
			return f.typ, true
		}
	}
	for _, f := range fields {
		if strings.EqualFold(f.name, key) {
			return f.typ, true
		}
	}
	return nil, false
}
