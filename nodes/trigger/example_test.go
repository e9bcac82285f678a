package trigger_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/noderun/noderun/nodes"
	"github.com/noderun/noderun/nodes/trigger"
)

// A server reads a Webhook node's endpoint, routes a request to it and
// builds the item the execution starts with.
func ExampleWebhookOf() {
	node := &nodes.Node{Name: "Webhook", Type: trigger.WebhookType, TypeVersion: 2, WebhookID: "b1c2",
		Parameters: map[string]any{"path": "orders/:id", "httpMethod": "POST"}}
	hook, _, err := trigger.WebhookOf(node, nil)
	if err != nil {
		panic(err)
	}
	params, ok := hook.Match("b1c2/orders/17")
	fmt.Println(hook.RoutePath(), ok, params["id"])

	r := httptest.NewRequest("POST", "/webhook/b1c2/orders/17?notify=1", strings.NewReader(`{"qty": 2}`))
	r.Header.Set("Content-Type", "application/json")
	out, err := hook.Output(r, params, "http://localhost:5678/webhook/b1c2/orders/17", "webhook")
	if err != nil {
		panic(err)
	}
	item := out[0][0].Object()
	fmt.Println(item["params"], item["query"], item["body"], item["executionMode"])
	fmt.Println(hook.ReceivedResponse().Body)
	// Output:
	// b1c2/orders/:id true 17
	// map[id:17] map[notify:1] map[qty:2] production
	// map[message:Workflow was started]
}

// A Schedule Trigger rule becomes a schedule in the workflow's time zone.
func ExampleScheduleOf() {
	node := &nodes.Node{ID: "n1", Name: "Every weekday", Type: trigger.ScheduleTriggerType, TypeVersion: 1.2,
		Parameters: map[string]any{"rule": map[string]any{"interval": []any{
			map[string]any{"field": "cronExpression", "expression": "0 30 8 * * mon-fri"},
		}}}}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	s, _, err := trigger.ScheduleOf("", node, nil, berlin)
	if err != nil {
		panic(err)
	}
	t := time.Date(2026, 3, 27, 12, 0, 0, 0, berlin) // a Friday
	for range 2 {
		t = s.Next(t)
		fmt.Println(t.Format(time.RFC3339), trigger.ScheduleItem(node, t, berlin).Object()["Readable date"])
	}
	// Output:
	// 2026-03-30T08:30:00+02:00 March 30th 2026, 8:30:00 am
	// 2026-03-31T08:30:00+02:00 March 31st 2026, 8:30:00 am
}
