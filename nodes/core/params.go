package core

import (
	"errors"
	"fmt"

	"github.com/noderun/noderun/internal/jsvalue"
	"github.com/noderun/noderun/nodes"
)

// Parameter helpers over nodes.ExecuteContext.

func paramString(ctx nodes.ExecuteContext, path string, i int, def string) (string, error) {
	// nil, not def, as the default: an absent parameter reads as def below
	// without boxing def per call.
	v, err := ctx.Param(path, i, nil)
	if err != nil {
		return "", err
	}
	if v == nil {
		return def, nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return jsString(v), nil
}

func paramBool(ctx nodes.ExecuteContext, path string, i int, def bool) (bool, error) {
	v, err := ctx.Param(path, i, def)
	if err != nil {
		return false, err
	}
	if v == nil {
		return def, nil
	}
	return jsvalue.Truthy(v), nil
}

func paramMap(ctx nodes.ExecuteContext, path string, i int) (map[string]any, error) {
	// nil as the default: an absent parameter gets its empty map below,
	// allocated only then.
	v, err := ctx.Param(path, i, nil)
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// itemError turns err into a NodeOperationError for item i of the node,
// keeping a NodeError already in the chain.
func itemError(ctx nodes.ExecuteContext, err error, i int, description string) *nodes.NodeError {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		if ne.NodeName == "" {
			ne.NodeName = ctx.Node().Name
		}
		if ne.ItemIndex < 0 {
			ne.WithItem(i)
		}
		if description != "" && ne.Description == nil {
			ne.SetDescription(description)
		}
		return ne
	}
	e := nodes.NewOperationError(ctx.Node().Name, err.Error())
	e.Wrapped = err
	if ue, ok := err.(*userError); !ok || !ue.NoItem {
		e.WithItem(i)
	}
	var fe *filterError
	if description == "" && errors.As(err, &fe) {
		description = fe.Description
	}
	var de describedError
	if description == "" && errors.As(err, &de) {
		description = de.Describe()
	}
	e.SetDescription(description)
	return e
}

// describedError is an error with an n8n description.
type describedError interface {
	error
	Describe() string
}

// userError is an error with a message and a description (n8n's
// UserError / NodeOperationError before it is bound to a node).
type userError struct {
	Message     string
	Description string
	// NoItem marks errors n8n raises without an item index in their
	// context (Set's JSON and null-string errors).
	NoItem bool
}

func (e *userError) Error() string    { return e.Message }
func (e *userError) Describe() string { return e.Description }

func userErrorf(description, format string, args ...any) *userError {
	return &userError{Message: fmt.Sprintf(format, args...), Description: description}
}

// withoutItem marks e as carrying no item index.
func (e *userError) withoutItem() *userError {
	e.NoItem = true
	return e
}
