package transform

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/noderun/noderun/nodes"
)

func waitType() *nodes.Type {
	d := baseDescription("Wait", "wait", 1.1)
	d.Group = []string{"organization"}
	d.Description = "Wait before continue with execution"
	interval := vals("timeInterval")
	amount := withShow(prop("Wait Amount", "amount", nodes.TypeNumber, 5), "resume", interval)
	amount.TypeOptions = map[string]any{"minValue": 0, "numberPrecision": 2}
	date := withShow(prop("Date and Time", "dateTime", nodes.TypeDateTime, ""), "resume", vals("specificTime"))
	date.Required = true
	d.Properties = []*nodes.Property{
		optionsProp("Resume", "resume", "timeInterval", "After Time Interval", "timeInterval", "At Specified Time", "specificTime",
			"On Webhook Call", "webhook", "On Form Submitted", "form"),
		amount,
		withShow(optionsProp("Wait Unit", "unit", "seconds", "Seconds", "seconds", "Minutes", "minutes", "Hours", "hours", "Days", "days"), "resume", interval),
		date,
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeWait)}
}

// executeWait sleeps in-process (cancellable through ctx.Context()) and
// passes its input through.
func executeWait(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := inputItems(ctx, 0)
	resume, err := paramString(ctx, "resume", 0, "timeInterval")
	if err != nil {
		return nil, err
	}
	var wait time.Duration
	switch resume {
	case "timeInterval":
		amount, err := paramNumber(ctx, "amount", 0, 5)
		if err != nil {
			return nil, err
		}
		unit, err := paramString(ctx, "unit", 0, "seconds")
		if err != nil {
			return nil, err
		}
		if !slices.Contains([]string{"seconds", "minutes", "hours", "days"}, unit) {
			return nil, opError(ctx, "Invalid wait unit. Valid units are 'seconds', 'minutes', 'hours', or 'days'.", "")
		}
		switch unit {
		case "minutes":
			amount *= 60
		case "hours":
			amount *= 3600
		case "days":
			amount *= 86400
		}
		if math.IsNaN(amount) || amount < 0 {
			return nil, opError(ctx, "Invalid wait amount. Please enter a number that is 0 or greater.", "")
		}
		wait = time.Duration(amount * float64(time.Second))
	case "specificTime":
		v, err := paramAny(ctx, "dateTime", 0, "")
		if err != nil {
			return nil, err
		}
		tz := ctx.Timezone()
		if tz == nil {
			tz = time.UTC
		}
		until, err := parseWallTime(v, tz)
		if err != nil {
			return nil, opError(ctx, "Cannot put execution to wait because `dateTime` parameter is not a valid date. Please pick a specific date and time to wait until.", "")
		}
		wait = max(time.Until(until), 0)
	default:
		return nil, opError(ctx, fmt.Sprintf("Resuming on %q needs a webhook server, which noderun does not run", resume), "")
	}
	if wait > 0 {
		timer := time.NewTimer(wait)
		defer timer.Stop()
		select {
		case <-ctx.Context().Done():
			return nil, fmt.Errorf("node %q: wait cancelled: %w", ctx.Node().Name, ctx.Context().Err())
		case <-timer.C:
		}
	}
	return nodes.Outputs{in}, nil
}

// parseWallTime reads a date; one without an offset is wall time in tz.
func parseWallTime(v any, tz *time.Location) (time.Time, error) {
	if s, ok := v.(string); ok {
		for _, layout := range dateLayouts {
			if t, err := time.ParseInLocation(layout, s, tz); err == nil {
				return t, nil
			}
		}
	}
	return parseDate(v, tz, "")
}
