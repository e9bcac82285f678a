package files

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"github.com/noderun/noderun/nodes"
)

// readXLSXRows reads a sheet as SheetJS's sheet_to_json does: the first row
// (of the range) names the columns, numbers and booleans keep their type,
// empty cells are left out unless includeEmptyCells, blank rows skipped.
func readXLSXRows(data []byte, o opts) ([]any, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read xlsx: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("Spreadsheet does not have any sheets!")
	}
	sheet := sheets[0]
	if want := o.str("sheetName", ""); want != "" {
		if !contains(sheets, want) {
			return nil, fmt.Errorf("Spreadsheet does not contain sheet called \"%s\"!", want)
		}
		sheet = want
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("read sheet %q: %w", sheet, err)
	}
	grid := make([][]any, len(raw))
	for r, row := range raw {
		grid[r] = make([]any, len(row))
		for c, s := range row {
			if s == "" {
				grid[r][c] = nil
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			grid[r][c] = typedCell(f, sheet, cell, s)
		}
	}
	startRow, startCol, endRow, endCol := 0, 0, len(grid)-1, -1
	if rg := o.str("range", ""); rg != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(rg)); err == nil {
			startRow = n
		} else {
			a, b, _ := strings.Cut(rg, ":")
			c1, r1, err := excelize.CellNameToCoordinates(a)
			if err != nil {
				return nil, fmt.Errorf("range %q: %w", rg, err)
			}
			startRow, startCol = r1-1, c1-1
			if b != "" {
				c2, r2, err := excelize.CellNameToCoordinates(b)
				if err != nil {
					return nil, fmt.Errorf("range %q: %w", rg, err)
				}
				endRow, endCol = r2-1, c2-1
			}
		}
	}
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	if endCol < 0 {
		endCol = width - 1
	}
	cellAt := func(r, c int) any {
		if r < len(grid) && c < len(grid[r]) {
			return grid[r][c]
		}
		return nil
	}
	includeEmpty := o.boolean("includeEmptyCells", false)
	rows := []any{}
	if !o.boolean("headerRow", true) {
		for r := startRow; r <= endRow; r++ {
			arr := make([]any, 0, endCol-startCol+1)
			for c := startCol; c <= endCol; c++ {
				v := cellAt(r, c)
				if v == nil && includeEmpty {
					v = ""
				}
				arr = append(arr, v)
			}
			rows = append(rows, arr)
		}
		return rows, nil
	}
	if startRow > endRow {
		return rows, nil
	}
	var header []string
	seen := map[string]int{}
	for c := startCol; c <= endCol; c++ {
		h := "__EMPTY"
		if v := cellAt(startRow, c); v != nil {
			h = jsString(v)
		}
		base := h
		if n, ok := seen[base]; ok {
			h = base + "_" + strconv.Itoa(n)
			seen[base] = n + 1
		} else {
			seen[base] = 1
		}
		header = append(header, h)
	}
	for r := startRow + 1; r <= endRow; r++ {
		m := map[string]any{}
		var keys []string
		blank := true
		for j, c := 0, startCol; c <= endCol; j, c = j+1, c+1 {
			v := cellAt(r, c)
			if v == nil {
				if !includeEmpty {
					continue
				}
				v = ""
			} else {
				blank = false
			}
			m[header[j]] = v
			keys = append(keys, header[j])
		}
		if blank {
			continue
		}
		nodes.SetKeyOrder(m, keys)
		rows = append(rows, m)
	}
	return rows, nil
}

// typedCell converts a raw cell value to its JSON type.
func typedCell(f *excelize.File, sheet, cell, s string) any {
	t, _ := f.GetCellType(sheet, cell)
	switch t {
	case excelize.CellTypeBool:
		return s == "1" || strings.EqualFold(s, "true")
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return s
	case excelize.CellTypeNumber, excelize.CellTypeUnset, excelize.CellTypeDate:
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			return n
		}
	}
	return s
}

// readHTMLTableRows reads the first table of an HTML file, as SheetJS does.
func readHTMLTableRows(data []byte, o opts) ([]any, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read html: %w", err)
	}
	var grid [][]any
	doc.Find("table").First().Find("tr").Each(func(_ int, tr *goquery.Selection) {
		var row []any
		tr.Find("td, th").Each(func(_ int, td *goquery.Selection) {
			s := strings.TrimSpace(td.Text())
			if s == "" {
				row = append(row, nil)
				return
			}
			if n, err := strconv.ParseFloat(s, 64); err == nil {
				row = append(row, n)
				return
			}
			row = append(row, s)
		})
		grid = append(grid, row)
	})
	if len(grid) == 0 {
		return []any{}, nil
	}
	includeEmpty := o.boolean("includeEmptyCells", false)
	rows := []any{}
	if !o.boolean("headerRow", true) {
		for _, r := range grid {
			rows = append(rows, r)
		}
		return rows, nil
	}
	header := make([]string, len(grid[0]))
	for j, v := range grid[0] {
		header[j] = "__EMPTY"
		if v != nil {
			header[j] = jsString(v)
		}
	}
	for _, r := range grid[1:] {
		m := map[string]any{}
		var keys []string
		for j, h := range header {
			var v any
			if j < len(r) {
				v = r[j]
			}
			if v == nil {
				if !includeEmpty {
					continue
				}
				v = ""
			}
			m[h] = v
			keys = append(keys, h)
		}
		if len(keys) == 0 {
			continue
		}
		nodes.SetKeyOrder(m, keys)
		rows = append(rows, m)
	}
	return rows, nil
}
