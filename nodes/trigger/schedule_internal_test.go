package trigger

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noderun/noderun/nodes"
)

// TestIntervalCronExpression compares the expressions with n8n's
// toCronExpression and intervalToRecurrence (GenericFunctions.js of
// n8n-nodes-base 2.41) for node key ":node-1", as printed by node.
func TestIntervalCronExpression(t *testing.T) {
	t.Parallel()
	tests := []struct {
		iv    interval
		cron  string
		every int
	}{
		{interval{field: "seconds", size: 10, hour: -1, minute: -1, dayOfMonth: -1}, "*/10 * * * * *", 0},
		{interval{field: "minutes", size: 15, hour: -1, minute: -1, dayOfMonth: -1}, "41 */15 * * * *", 0},
		{interval{field: "minutes", size: 7, hour: -1, minute: -1, dayOfMonth: -1}, "41 * * * * *", 7},
		{interval{field: "hours", size: 6, hour: -1, minute: 5, dayOfMonth: -1}, "41 5 */6 * * *", 6},
		{interval{field: "hours", size: 5, hour: -1, minute: -1, dayOfMonth: -1}, "41 6 * * * *", 5},
		{interval{field: "days", size: 1, hour: 9, minute: 30, dayOfMonth: -1}, "41 30 9 * * *", 0},
		{interval{field: "days", size: 2, hour: -1, minute: -1, dayOfMonth: -1}, "41 6 1 * * *", 2},
		{interval{field: "weeks", size: 1, hour: 8, minute: 0, dayOfMonth: -1, weekdays: []string{"1", "5"}}, "41 0 8 * * 1,5", 0},
		{interval{field: "weeks", size: 2, hour: -1, minute: -1, dayOfMonth: -1, weekdays: []string{}}, "41 6 1 * * *", 2},
		{interval{field: "months", size: 3, hour: 6, minute: 45, dayOfMonth: 15}, "41 45 6 15 */3 *", 3},
		{interval{field: "months", size: 5, hour: -1, minute: -1, dayOfMonth: -1}, "41 6 1 22 * *", 5},
		{interval{field: "cronExpression", expression: "0 15 * 1 sun"}, "0 15 * 1 sun", 0},
	}
	for _, tt := range tests {
		got := []any{tt.iv.cronExpression(":node-1"), tt.iv.everyN()}
		if diff := cmp.Diff([]any{tt.cron, tt.every}, got); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tt.iv, diff)
		}
	}
}

func TestStableInt(t *testing.T) {
	t.Parallel()
	got := []int{stableInt(":node-1", "second", 0, 60), stableInt(":node-1", "minute", 0, 60), stableInt(":node-1", "hour", 0, 24), stableInt(":node-1", "dayOfMonth", 1, 29)}
	if diff := cmp.Diff([]int{41, 6, 1, 22}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNodeKeyIncludesWorkflowID: the seed is "<workflowId>:<nodeId>" as in
// n8n's ScheduleTrigger, so the filled-in second, minute and hour depend
// on the workflow too (values printed by node's crypto for "wf-7:node-1").
func TestNodeKeyIncludesWorkflowID(t *testing.T) {
	t.Parallel()
	key := nodeKey("wf-7", &nodes.Node{ID: "node-1"})
	got := []any{key, stableInt(key, "second", 0, 60), stableInt(key, "minute", 0, 60), stableInt(key, "hour", 0, 24)}
	if diff := cmp.Diff([]any{"wf-7:node-1", 31, 42, 18}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
