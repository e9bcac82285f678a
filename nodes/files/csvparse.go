package files

import (
	"fmt"
	"strings"
)

// csvOptions are the csv-parse options n8n's spreadsheet operations pass.
type csvOptions struct {
	Delimiter   string
	FromLine    int
	To          int // records to emit; <0 for all
	Columns     bool
	RelaxQuotes bool
	// SkipErrors drops records of the wrong length instead of stopping
	// (csv-parse's skip_records_with_error); Skipped counts them.
	SkipErrors bool
}

// csvResult is what a parse produced before an error, if any: csv-parse
// emits the records it finished and n8n ignores the error afterwards.
type csvResult struct {
	Header  []string
	Records [][]string
	Err     error
	Skipped int
}

// parseCSV parses text as csv-parse does with quote and escape `"` and
// auto-detected record delimiters.
func parseCSV(text string, o csvOptions) csvResult {
	delim := o.Delimiter
	if delim == "" {
		delim = ","
	}
	var res csvResult
	line := 1
	recordLine := 1
	var fields []string
	var field strings.Builder
	quoted, inQuotes, wasQuoted := false, false, false
	emit := func() bool {
		if len(fields) == 0 && field.Len() == 0 && !quoted {
			// csv-parse ignores empty lines
			wasQuoted = false
			return true
		}
		rec := append(fields, field.String())
		fields, quoted, wasQuoted = nil, false, false
		field.Reset()
		if recordLine < max(o.FromLine, 1) {
			return true
		}
		if o.Columns && res.Header == nil {
			res.Header = rec
			return true
		}
		if o.SkipErrors && ((o.Columns && len(rec) != len(res.Header)) || (!o.Columns && len(res.Records) > 0 && len(rec) != len(res.Records[0]))) {
			res.Skipped++
			return true
		}
		if o.Columns && len(rec) != len(res.Header) {
			res.Err = fmt.Errorf("Invalid Record Length: columns length is %d, got %d on line %d", len(res.Header), len(rec), recordLine)
			return false
		}
		if !o.Columns && len(res.Records) > 0 && len(rec) != len(res.Records[0]) {
			res.Err = fmt.Errorf("Invalid Record Length: expect %d, got %d on line %d", len(res.Records[0]), len(rec), recordLine)
			return false
		}
		if o.To >= 0 && len(res.Records) >= o.To {
			return false
		}
		res.Records = append(res.Records, rec)
		return true
	}
	i := 0
	for i < len(text) {
		c := text[i]
		if inQuotes {
			if c == '"' {
				if i+1 < len(text) && text[i+1] == '"' {
					field.WriteByte('"')
					i += 2
					continue
				}
				// closing quote must be followed by a delimiter, a record
				// delimiter or the end
				rest := text[i+1:]
				if rest == "" || strings.HasPrefix(rest, delim) || rest[0] == '\n' || rest[0] == '\r' {
					inQuotes = false
					wasQuoted = true
					i++
					continue
				}
				if o.RelaxQuotes {
					field.WriteByte('"')
					i++
					continue
				}
				res.Err = fmt.Errorf("Invalid Closing Quote: got \"%c\" at line %d instead of delimiter, record delimiter, trimable character (if activated) or comment", rest[0], line)
				return res
			}
			if c == '\n' {
				line++
			}
			field.WriteByte(c)
			i++
			continue
		}
		switch {
		case c == '"' && field.Len() == 0 && !wasQuoted:
			inQuotes, quoted = true, true
			i++
		case c == '"':
			if !o.RelaxQuotes {
				res.Err = fmt.Errorf("Invalid Opening Quote: a quote is found on field %d at line %d, value is \"%s\"", len(fields), line, field.String())
				return res
			}
			field.WriteByte(c)
			i++
		case strings.HasPrefix(text[i:], delim):
			fields = append(fields, field.String())
			field.Reset()
			wasQuoted = false
			i += len(delim)
		case c == '\r' || c == '\n':
			n := 1
			if c == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				n = 2
			}
			if !emit() {
				return res
			}
			i += n
			line++
			recordLine = line
		default:
			field.WriteByte(c)
			i++
		}
	}
	if inQuotes {
		res.Err = fmt.Errorf("Quote Not Closed: the parsing is finished with an opening quote at line %d", recordLine)
		return res
	}
	if len(fields) > 0 || field.Len() > 0 || quoted {
		emit()
	}
	return res
}
