package server

import (
	"encoding/json"
	"time"

	"github.com/noderun/noderun/engine/executions"
)

// apiExecution is an execution in the shape of n8n's public API
// (GET /api/v1/executions/{id}).
type apiExecution struct {
	ID             string   `json:"id"`
	Finished       bool     `json:"finished"`
	Mode           string   `json:"mode"`
	RetryOf        *string  `json:"retryOf"`
	RetrySuccessID *string  `json:"retrySuccessId"`
	Status         string   `json:"status"`
	CreatedAt      isoTime  `json:"createdAt"`
	StartedAt      *isoTime `json:"startedAt"`
	StoppedAt      *isoTime `json:"stoppedAt"`
	WorkflowID     string   `json:"workflowId"`
	WorkflowName   string   `json:"workflowName,omitempty"`
	WaitTill       *isoTime `json:"waitTill"`
	// Error is why the execution failed outside any node (a crashed
	// worker); node errors are in data.resultData.error.
	Error string           `json:"error,omitempty"`
	Data  *apiRunExecution `json:"data,omitempty"`
}

// apiRunExecution is n8n's IRunExecutionData, reduced to its result.
type apiRunExecution struct {
	ResultData apiResultData `json:"resultData"`
}

type apiResultData struct {
	RunData          json.RawMessage `json:"runData"`
	LastNodeExecuted string          `json:"lastNodeExecuted,omitempty"`
	Error            json.RawMessage `json:"error,omitempty"`
}

// storedResult is the part of a stored engine result the API reads.
type storedResult struct {
	LastNodeExecuted string          `json:"lastNodeExecuted"`
	Error            json.RawMessage `json:"error"`
	RunData          json.RawMessage `json:"runData"`
}

func toAPI(e *executions.Execution, includeData bool) *apiExecution {
	a := &apiExecution{
		ID:           e.ID,
		Finished:     e.Status == executions.StatusSuccess,
		Mode:         e.Mode,
		Status:       e.Status,
		CreatedAt:    isoTime(e.CreatedAt),
		StartedAt:    timePtr(e.StartedAt),
		StoppedAt:    timePtr(e.StoppedAt),
		WorkflowID:   e.WorkflowID,
		WorkflowName: e.WorkflowName,
		WaitTill:     optionalTime(e.WaitTill),
		Error:        e.Error,
	}
	if includeData {
		var r storedResult
		if len(e.Result) > 0 {
			_ = json.Unmarshal(e.Result, &r)
		}
		if len(r.RunData) == 0 || string(r.RunData) == "null" {
			r.RunData = json.RawMessage("{}")
		}
		if string(r.Error) == "null" {
			r.Error = nil
		}
		a.Data = &apiRunExecution{ResultData: apiResultData{RunData: r.RunData, LastNodeExecuted: r.LastNodeExecuted, Error: r.Error}}
	}
	return a
}

func timePtr(t time.Time) *isoTime {
	if t.IsZero() {
		return nil
	}
	it := isoTime(t)
	return &it
}

func optionalTime(t *time.Time) *isoTime {
	if t == nil {
		return nil
	}
	return timePtr(*t)
}

// isoTime marshals as JavaScript's Date.toISOString: UTC with
// milliseconds ("2026-11-24T05:53:59.900Z"), as n8n's API writes dates.
type isoTime time.Time

// MarshalJSON writes the time as toISOString does.
func (t isoTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format("2006-01-02T15:04:05.000Z") + `"`), nil
}
