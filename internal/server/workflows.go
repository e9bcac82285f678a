package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/noderun/noderun/engine"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// waitNodeType is n8n's Wait node: its webhook resumes a waiting execution
// (/webhook-waiting/<id>) and is never a production webhook.
const waitNodeType = "n8n-nodes-base.wait"

// workflow is one served workflow with its triggers.
type workflow struct {
	ID   string
	File string
	WF   *engine.Workflow
	// JSON is the workflow as written in its file (a snapshot goes into
	// every execution and job).
	JSON json.RawMessage
	// Active workflows have their webhooks and schedules registered.
	Active    bool
	TZ        *time.Location
	Webhooks  []*endpoint
	Schedules []*schedule
}

// schedule is a Schedule Trigger or Cron node of an active workflow.
type schedule struct {
	wf    *workflow
	node  *nodes.Node
	sched trigger.Schedule
}

// loadWorkflows reads every *.json file in dir (a workflow object or an
// export array) and keys the workflows by id, else by file name.
func loadWorkflows(dir string) (map[string]*workflow, []string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("workflows dir: %w", err)
	}
	byID := map[string]*workflow{}
	var order []string
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".json") {
			continue
		}
		file := filepath.Join(dir, e.Name())
		list, err := readWorkflowFile(file)
		if err != nil {
			return nil, nil, err
		}
		for _, w := range list {
			if prev, ok := byID[w.ID]; ok {
				return nil, nil, fmt.Errorf("workflow id %q is used twice: %s and %s", w.ID, prev.File, w.File)
			}
			byID[w.ID] = w
			order = append(order, w.ID)
		}
	}
	sort.Strings(order)
	return byID, order, nil
}

// readWorkflowFile parses one workflow file into its workflows.
func readWorkflowFile(file string) ([]*workflow, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("workflow file: %w", err)
	}
	data = bytes.TrimSpace(data)
	raws := []json.RawMessage{data}
	if len(data) > 0 && data[0] == '[' {
		raws = nil
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, fmt.Errorf("workflow file %s: %w", file, err)
		}
	}
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var out []*workflow
	for _, raw := range raws {
		wf, err := engine.Parse(raw, file, engine.Selector{})
		if err != nil {
			return nil, err
		}
		id := wf.ID
		if id == "" {
			id = base
		}
		out = append(out, &workflow{ID: id, File: file, WF: wf, JSON: raw})
	}
	return out, nil
}

// activate finds the triggers of w's nodes: webhooks and schedules.
func (s *Server) activate(w *workflow) error {
	w.Active = !s.cfg.ActiveOnly || w.WF.Active
	w.TZ = s.workflowTZ(w.WF)
	if !w.Active {
		return nil
	}
	reg := s.cfg.Engine.Registry()
	for _, node := range w.WF.Nodes {
		if node == nil || node.Disabled || node.Type == waitNodeType {
			continue
		}
		typ, err := reg.Lookup(node.Type, node.TypeVersion)
		if err != nil {
			continue // the run reports unknown node types
		}
		hook, ok, err := trigger.WebhookOf(node, typ)
		if err != nil {
			return fmt.Errorf("workflow %q (%s) node %q: %w", w.ID, w.File, node.Name, err)
		}
		if ok {
			w.Webhooks = append(w.Webhooks, newEndpoint(w, node, hook))
			continue
		}
		sched, ok, err := trigger.ScheduleOf(w.ID, node, typ, w.TZ)
		if err != nil {
			return fmt.Errorf("workflow %q (%s) node %q: %w", w.ID, w.File, node.Name, err)
		}
		if ok {
			w.Schedules = append(w.Schedules, &schedule{wf: w, node: node, sched: sched})
		}
	}
	return nil
}

// workflowTZ is the workflow's settings.timezone, else the engine's
// default (n8n's GENERIC_TIMEZONE default, America/New_York).
func (s *Server) workflowTZ(wf *engine.Workflow) *time.Location {
	if tz := wf.Settings.Timezone; tz != "" && tz != "DEFAULT" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	if loc, err := time.LoadLocation("America/New_York"); err == nil {
		return loc
	}
	return time.UTC
}
