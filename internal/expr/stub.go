package expr

import "errors"

// evaluator is replaced by the goja implementation.
type evaluator struct{ opts Options }

func newEvaluator(opts Options) *evaluator { return &evaluator{opts: opts} }

var errTODO = errors.New("expressions: not implemented yet")

func (e *evaluator) check(s string) error                             { return nil }
func (e *evaluator) evaluate(s string, d *Data) (any, error)          { return s, errTODO }
func (e *evaluator) resolve(v any, d *Data) (any, error)              { return v, errTODO }
func (e *evaluator) evaluateString(s string, d *Data) (string, error) { return s, errTODO }
