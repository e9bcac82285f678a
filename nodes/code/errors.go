package code

import (
	"errors"
	"fmt"
	"strings"

	"github.com/noderun/noderun/internal/expr"
	"github.com/noderun/noderun/nodes"
)

// runnerMessage is the message and description n8n's task runner gives an
// error thrown by Code node code (its ExecutionError): the details of the
// "Type: details" row, with " [line N]" appended, and the error type as
// description unless it is plain Error. Values that are not errors, and
// errors whose name has no "Error", become "Unknown error".
func runnerMessage(ce *expr.CodeError) (msg, desc string) {
	if ce.Limit != "" {
		return ce.Message, limitDescription(ce.Limit)
	}
	if ce.Expression != nil {
		return ce.Expression.Message, ce.Expression.Description
	}
	line := ""
	if ce.Line > 0 {
		line = fmt.Sprintf("[line %d]", ce.Line)
	}
	name := ce.Type
	if name == "" {
		name = "Error"
	}
	row := name + ": " + ce.Message
	if i := strings.IndexByte(row, '\n'); i >= 0 {
		row = row[:i]
	}
	if ce.NotError || !strings.Contains(row, "Error:") {
		return strings.TrimSpace("Unknown error " + line), ""
	}
	segs := strings.Split(row, ":")
	for i := range segs {
		segs[i] = strings.TrimSpace(segs[i])
	}
	details := segs[len(segs)-1]
	typ := ""
	if len(segs) > 1 {
		typ = segs[len(segs)-2]
	}
	if typ == "Error" {
		typ = ""
	}
	if details == "" {
		return strings.TrimSpace("Unknown error " + line), typ
	}
	return strings.TrimSpace(details + " " + line), typ
}

// limitDescription explains a sandbox limit.
func limitDescription(limit string) string {
	switch limit {
	case "timeout":
		return "The code ran past its CPU deadline and was stopped. Make it do less work, or raise the Code node timeout (code.Options.Timeout)."
	case "memory":
		return "The code allocated more memory than its sandbox allows and was stopped."
	}
	return ""
}

// nodeError wraps a code failure as n8n's NodeOperationError; other errors
// (already node errors, parameter errors) pass through.
func nodeError(node string, err error, msg, desc string) error {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return err
	}
	e := nodes.NewOperationError(node, msg)
	e.SetDescription(desc)
	e.Wrapped = err
	return e
}

// codeFailure converts an error from running Code node code; message is
// what continueOnFail puts in json.error.
func codeFailure(node string, err error) (error, string) {
	var ce *expr.CodeError
	if !errors.As(err, &ce) {
		return nodeError(node, err, err.Error(), ""), err.Error()
	}
	msg, desc := runnerMessage(ce)
	return nodeError(node, err, msg, desc), msg
}

// validationError is the Code node's ValidationError: " [item i]" is
// appended to the message when the item is known.
func validationError(node, msg, desc string, itemIndex int) error {
	if itemIndex >= 0 {
		msg = fmt.Sprintf("%s [item %d]", msg, itemIndex)
	}
	e := nodes.NewOperationError(node, msg)
	e.SetDescription(desc)
	if itemIndex >= 0 {
		e.WithItem(itemIndex)
	}
	return e
}
