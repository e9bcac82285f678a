package files

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/noderun/noderun/nodes"
)

// flattenObject is n8n's flattenObject: nested objects and arrays become
// dotted keys ("a.b", "list.0").
func flattenObject(v any) ([]string, map[string]any) {
	out := map[string]any{}
	var keys []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch t := v.(type) {
		case map[string]any:
			for _, k := range nodes.Keys(t) {
				walk(join(prefix, k), t[k])
			}
			return
		case []any:
			for i, x := range t {
				walk(join(prefix, strconv.Itoa(i)), x)
			}
			return
		}
		if prefix == "" {
			return
		}
		if _, dup := out[prefix]; !dup {
			keys = append(keys, prefix)
		}
		out[prefix] = v
	}
	if m, ok := v.(map[string]any); ok {
		for _, k := range nodes.Keys(m) {
			walk(k, m[k])
		}
	}
	return keys, out
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// flattenRows flattens every item and collects the header (keys in order
// of first appearance), as SheetJS's json_to_sheet does.
func flattenRows(items []nodes.Item) ([]string, []map[string]any) {
	var header []string
	seen := map[string]bool{}
	rows := make([]map[string]any, len(items))
	for i, it := range items {
		keys, m := flattenObject(it.JSON)
		rows[i] = m
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				header = append(header, k)
			}
		}
	}
	return header, rows
}

// sheetCell renders a value as SheetJS's General format does.
func sheetCell(v any) (string, bool) {
	switch t := v.(type) {
	case nil, nullCell:
		return "", false
	case bool:
		if t {
			return "TRUE", true
		}
		return "FALSE", true
	case float64:
		return generalNumber(t), true
	case string:
		return t, true
	}
	return jsString(v), true
}

// generalNumber formats a number like SSF's General format: at most 11
// significant digits, exponent notation for very large or small values.
func generalNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "#NUM!"
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e11 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	abs := math.Abs(f)
	if abs >= 1e11 || abs < 1e-9 {
		s := strconv.FormatFloat(f, 'E', 5, 64)
		mant, exp, _ := strings.Cut(s, "E")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		sign := exp[0]
		digits := strings.TrimLeft(exp[1:], "0")
		if len(digits) < 2 {
			digits = strings.Repeat("0", 2-len(digits)) + digits
		}
		return mant + "E" + string(sign) + digits
	}
	intDigits := len(strconv.FormatFloat(math.Trunc(abs), 'f', 0, 64))
	if abs < 1 {
		intDigits = 0
	}
	dec := max(10-intDigits, 0)
	if abs < 1 {
		dec = 9
	}
	s := strconv.FormatFloat(f, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// sheetToCSV writes rows as SheetJS's sheet_to_csv does: fields quoted when
// they hold the delimiter, a newline or a quote; lines joined by "\n".
func sheetToCSV(cols []string, rows []map[string]any, delim string, withHeader bool) string {
	var lines []string
	first := true
	quote := func(s string) string {
		// "ID" opening a file would make it a SYLK file for Excel.
		if first && s == "ID" {
			first = false
			return `"ID"`
		}
		first = false
		if strings.ContainsRune(s, rune(delim[0])) || strings.ContainsRune(s, '\n') || strings.ContainsRune(s, '"') {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	if withHeader {
		fields := make([]string, len(cols))
		for j, c := range cols {
			fields[j] = quote(c)
		}
		lines = append(lines, strings.Join(fields, delim))
	}
	for _, r := range rows {
		fields := make([]string, len(cols))
		for j, c := range cols {
			s, _ := sheetCell(r[c])
			fields[j] = quote(s)
		}
		lines = append(lines, strings.Join(fields, delim))
	}
	// SheetJS writes CSV buffers with a UTF-8 byte order mark.
	return "\uFEFF" + strings.Join(lines, "\n")
}

// nullCell marks a null value, which SheetJS keeps as a stub cell.
type nullCell struct{}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\n", "<br/>")

// escapeHTML is SheetJS's escapehtml.
func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

// sheetToHTML writes rows as one HTML table in SheetJS's export page.
func sheetToHTML(cols []string, rows []map[string]any, withHeader bool) string {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"/><title>SheetJS Table Export</title></head><body><table>`)
	rowNum := 0
	writeRow := func(vals []any) {
		for j, v := range vals {
			if _, isNull := v.(nullCell); isNull {
				vals[j] = nullCell{}
			}
		}
		rowNum++
		b.WriteString("<tr>")
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, rowNum)
			s, ok := sheetCell(v)
			if !ok {
				if _, present := vals[j].(nullCell); present {
					fmt.Fprintf(&b, `<td data-t="z" id="sjs-%s"></td>`, cell)
				} else {
					fmt.Fprintf(&b, `<td id="sjs-%s"></td>`, cell)
				}
				continue
			}
			t := "s"
			switch v.(type) {
			case float64:
				t = "n"
			case bool:
				t = "b"
			}
			raw := s
			if t == "b" {
				raw = strconv.FormatBool(v.(bool))
			} else if t == "n" {
				raw = jsNumber(v.(float64))
			}
			fmt.Fprintf(&b, `<td data-t="%s" data-v="%s" id="sjs-%s">%s</td>`, t, escapeHTML(raw), cell, escapeHTML(s))
		}
		b.WriteString("</tr>")
	}
	if withHeader {
		vals := make([]any, len(cols))
		for j, c := range cols {
			vals[j] = c
		}
		writeRow(vals)
	}
	for _, r := range rows {
		vals := make([]any, len(cols))
		for j, c := range cols {
			v, present := r[c]
			if present && v == nil {
				v = nullCell{}
			}
			vals[j] = v
		}
		writeRow(vals)
	}
	b.WriteString("</table></body></html>")
	return b.String()
}

// sheetToXLSX writes rows into a one-sheet workbook.
func sheetToXLSX(cols []string, rows []map[string]any, sheetName string, withHeader bool) ([]byte, error) {
	if sheetName == "" {
		sheetName = "Sheet"
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, fmt.Errorf("sheet name %q: %w", sheetName, err)
	}
	r := 1
	if withHeader {
		for j, c := range cols {
			cell, _ := excelize.CoordinatesToCellName(j+1, r)
			if err := f.SetCellValue(sheetName, cell, c); err != nil {
				return nil, err
			}
		}
		r++
	}
	for _, row := range rows {
		for j, c := range cols {
			v, ok := row[c]
			if !ok || v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, r)
			if _, isScalar := sheetCell(v); isScalar {
				if err := f.SetCellValue(sheetName, cell, v); err != nil {
					return nil, err
				}
			}
		}
		r++
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}
