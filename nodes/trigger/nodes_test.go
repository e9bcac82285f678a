package trigger_test

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noderun/noderun/internal/nodetest"
	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

func TestRegisteredTypes(t *testing.T) {
	t.Parallel()
	var got []string
	for _, typ := range registry(t).Types() {
		got = append(got, typ.Name()+" "+versions(typ.Description.Version))
	}
	want := []string{
		"n8n-nodes-base.cron 1",
		"n8n-nodes-base.respondToWebhook 1 1.1 1.2",
		"n8n-nodes-base.respondToWebhook 1.3",
		"n8n-nodes-base.respondToWebhook 1.4 1.5",
		"n8n-nodes-base.scheduleTrigger 1 1.1 1.2 1.3 1.4",
		"n8n-nodes-base.webhook 1 1.1 2 2.1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("types (-want +got):\n%s", diff)
	}
	r := nodes.NewRegistry()
	if err := trigger.Register(r); err != nil {
		t.Fatal(err)
	}
	if err := trigger.Register(r); err == nil {
		t.Error("registering twice: want an error")
	}
}

func versions(v nodes.Versions) string {
	s := ""
	for i, f := range v {
		if i > 0 {
			s += " "
		}
		s += strconv.FormatFloat(f, 'f', -1, 64)
	}
	return s
}

func TestWebhookNodeOutputs(t *testing.T) {
	t.Parallel()
	typ := lookup(t, trigger.WebhookType, 2)
	a := []nodes.Item{{JSON: map[string]any{"a": 1.0}}}
	b := []nodes.Item{{JSON: map[string]any{"b": 2.0}}}
	tests := []struct {
		name   string
		params map[string]any
		inputs [][]nodes.Item
		want   nodes.Outputs
	}{
		{"one method passes its input", map[string]any{"path": "p", "httpMethod": "POST"}, [][]nodes.Item{a}, nodes.Outputs{a}},
		{"no input", map[string]any{"path": "p"}, nil, nodes.Outputs{nil}},
		{"multiple methods keep output indexes", map[string]any{"path": "p", "multipleMethods": true, "httpMethod": []any{"GET", "POST"}},
			[][]nodes.Item{nil, b}, nodes.Outputs{nil, b}},
		{"multiple methods, first", map[string]any{"path": "p", "multipleMethods": true, "httpMethod": []any{"GET", "POST", "PUT"}},
			[][]nodes.Item{a}, nodes.Outputs{a, nil, nil}},
	}
	for _, tt := range tests {
		params := nodes.NodeParameters(typ.Description.Properties, tt.params, 2)
		ctx := &nodetest.Context{Def: &nodes.Node{Name: "Webhook", Type: trigger.WebhookType, TypeVersion: 2, Parameters: params}, NodeType: typ, Inputs: tt.inputs}
		out, err := typ.Handler.Execute(ctx)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, out); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestScheduleNodesManualRun(t *testing.T) {
	t.Parallel()
	seed := []nodes.Item{{JSON: map[string]any{"Hour": "09"}}}
	tests := []struct {
		name  string
		node  *nodes.Node
		input []nodes.Item
		check func(t *testing.T, out nodes.Outputs, err error)
	}{
		{"schedule trigger emits now", scheduleNode(1.2), nil, func(t *testing.T, out nodes.Outputs, err error) {
			if err != nil || len(out) != 1 || len(out[0]) != 1 {
				t.Fatalf("out %v, err %v", out, err)
			}
			obj := out[0][0].Object()
			if obj["Timezone"] != "Europe/Berlin (UTC+01:00)" && obj["Timezone"] != "Europe/Berlin (UTC+02:00)" {
				t.Errorf("Timezone %v", obj["Timezone"])
			}
			if len(obj) != 11 {
				t.Errorf("item %v: want the 11 schedule fields", obj)
			}
		}},
		{"schedule trigger passes a seeded item", scheduleNode(1.2), seed, func(t *testing.T, out nodes.Outputs, err error) {
			if diff := cmp.Diff(nodes.Outputs{seed}, out); diff != "" || err != nil {
				t.Errorf("err %v (-want +got):\n%s", err, diff)
			}
		}},
		{"schedule trigger bad cron", scheduleNode(1.2, map[string]any{"field": "cronExpression", "expression": "nope"}), nil, func(t *testing.T, _ nodes.Outputs, err error) {
			if err == nil || err.Error() != `node "Schedule Trigger": Invalid cron expression (More information on how to build them at https://crontab.guru/)` {
				t.Errorf("error %v", err)
			}
		}},
		{"schedule trigger 1.3 bad interval", scheduleNode(1.3, map[string]any{"field": "days", "daysInterval": 40.0}), nil, func(t *testing.T, _ nodes.Outputs, err error) {
			if err == nil || err.Error() != `node "Schedule Trigger": Invalid interval (Days must be in range 1-31)` {
				t.Errorf("error %v", err)
			}
		}},
		{"cron emits an empty item", cronNode(map[string]any{"mode": "everyMinute"}), nil, func(t *testing.T, out nodes.Outputs, err error) {
			if diff := cmp.Diff(nodes.Outputs{{{JSON: map[string]any{}}}}, out); diff != "" || err != nil {
				t.Errorf("err %v (-want +got):\n%s", err, diff)
			}
		}},
		{"cron passes a seeded item", cronNode(), seed, func(t *testing.T, out nodes.Outputs, err error) {
			if diff := cmp.Diff(nodes.Outputs{seed}, out); diff != "" || err != nil {
				t.Errorf("err %v (-want +got):\n%s", err, diff)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			typ := lookup(t, tt.node.Type, tt.node.TypeVersion)
			ctx := nodetest.New(tt.node, tt.input)
			ctx.NodeType = typ
			ctx.Zone = zone(t, "Europe/Berlin")
			out, err := typ.Handler.Execute(ctx)
			tt.check(t, out, err)
		})
	}
}
