package transform

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/noderun/noderun/nodes"
)

// inProcessWaitLimit is n8n's threshold: shorter waits sleep in the
// running process, longer ones put the execution to wait (n8n polls its
// waiting executions every 60 seconds).
const inProcessWaitLimit = 65 * time.Second

func waitType() *nodes.Type {
	d := baseDescription("Wait", "wait", 1, 1.1)
	d.Group = []string{"organization"}
	d.Description = "Wait before continue with execution"
	d.Credentials = []*nodes.CredentialSlot{
		authSlot("httpBasicAuth", "basicAuth"),
		authSlot("httpHeaderAuth", "headerAuth"),
		authSlot("jwtAuth", "jwtAuth"),
	}
	d.Properties = waitProperties()
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeWait)}
}

// authSlot is a credential shown for one incomingAuthentication value.
func authSlot(name, auth string) *nodes.CredentialSlot {
	return &nodes.CredentialSlot{Name: name, Required: true,
		DisplayOptions: &nodes.DisplayOptions{Show: map[string][]any{"incomingAuthentication": {auth}}}}
}

// executeWait waits and passes its input through: time waits under 65 s
// sleep in-process (cancellable through ctx.Context()); longer ones put
// the execution to wait when the run can (noderun serve), else sleep too.
// "On Webhook Call" always puts the execution to wait, until its webhook
// is called or its time limit passes.
func executeWait(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	in := inputItems(ctx, 0)
	resume, err := paramString(ctx, "resume", 0, "timeInterval")
	if err != nil {
		return nil, err
	}
	now := time.Now()
	var until time.Time
	switch resume {
	case "timeInterval":
		v1 := ctx.Node().TypeVersion == 1
		defAmount, defUnit := 5.0, "seconds"
		if v1 {
			defAmount, defUnit = 1, "hours"
		}
		unit, err := paramString(ctx, "unit", 0, defUnit)
		if err != nil {
			return nil, err
		}
		if !slices.Contains([]string{"seconds", "minutes", "hours", "days"}, unit) {
			return nil, opError(ctx, "Invalid wait unit. Valid units are 'seconds', 'minutes', 'hours', or 'days'.", "")
		}
		amount, err := paramNumber(ctx, "amount", 0, defAmount)
		if err != nil {
			return nil, err
		}
		if math.IsNaN(amount) || amount < 0 {
			return nil, opError(ctx, "Invalid wait amount. Please enter a number that is 0 or greater.", "")
		}
		until = now.Add(time.Duration(amount * unitSeconds(unit) * float64(time.Second)))
	case "specificTime":
		v, err := paramAny(ctx, "dateTime", 0, "")
		if err != nil {
			return nil, err
		}
		tz := ctx.Timezone()
		if tz == nil {
			tz = time.UTC
		}
		until, err = parseWallTime(v, tz)
		if err != nil {
			return nil, opError(ctx, "Cannot put execution to wait because `dateTime` parameter is not a valid date. Please pick a specific date and time to wait until.", "")
		}
	case "webhook":
		till, err := webhookWaitTill(ctx)
		if err != nil {
			return nil, err
		}
		if err := ctx.PutExecutionToWait(till); err != nil {
			e := opError(ctx, "Resuming on a webhook call needs noderun serve",
				"This Wait node resumes when its webhook ($execution.resumeUrl) is called; only a workflow run by `noderun serve` (or a worker) can wait for that. `noderun run` cannot.")
			e.Wrapped = err
			return nil, e
		}
		return nodes.Outputs{in}, nil
	default:
		return nil, opError(ctx, fmt.Sprintf("Resuming on %q is not supported by noderun: n8n forms are not served", resume), "")
	}
	// n8n compares whole milliseconds: a wait of exactly 65 s pauses.
	wait := max(until.Sub(now).Truncate(time.Millisecond), 0)
	if wait >= inProcessWaitLimit && ctx.PutExecutionToWait(until) == nil {
		return nodes.Outputs{in}, nil
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

// webhookWaitTill is how long a webhook wait lasts (n8n's
// configureAndPutToWait): until the limit when limitWaitTime is on, else
// nodes.WaitIndefinitely.
func webhookWaitTill(ctx nodes.ExecuteContext) (time.Time, error) {
	limit, err := paramBool(ctx, "limitWaitTime", 0, false)
	if err != nil || !limit {
		return nodes.WaitIndefinitely, err
	}
	limitType, err := paramString(ctx, "limitType", 0, "afterTimeInterval")
	if err != nil {
		return time.Time{}, err
	}
	if limitType == "afterTimeInterval" {
		amount, err := paramNumber(ctx, "resumeAmount", 0, 1)
		if err != nil {
			return time.Time{}, err
		}
		unit, err := paramString(ctx, "resumeUnit", 0, "hours")
		if err != nil {
			return time.Time{}, err
		}
		if math.IsNaN(amount) {
			return time.Time{}, opError(ctx, "Invalid wait amount. Please enter a number that is 0 or greater.", "")
		}
		return time.Now().Add(time.Duration(amount * unitSeconds(unit) * float64(time.Second))), nil
	}
	v, err := paramAny(ctx, "maxDateAndTime", 0, "")
	if err != nil {
		return time.Time{}, err
	}
	tz := ctx.Timezone()
	if tz == nil {
		tz = time.UTC
	}
	till, err := parseWallTime(v, tz)
	if err != nil {
		return time.Time{}, opError(ctx, "Cannot put execution to wait because `maxDateAndTime` parameter is not a valid date. Please pick a specific date and time to wait until.", "")
	}
	return till, nil
}

// unitSeconds is the length of a wait unit in seconds (n8n multiplies
// only for minutes, hours and days).
func unitSeconds(unit string) float64 {
	switch unit {
	case "minutes":
		return 60
	case "hours":
		return 3600
	case "days":
		return 86400
	}
	return 1
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

// waitProperties are n8n's Wait v1/v1.1 parameters (Wait.node.ts with the
// Webhook node's description.ts fields for "On Webhook Call"), in n8n's
// order with its names, defaults and displayOptions. The form fields of
// "On Form Submitted" are left out: noderun serves no forms.
func waitProperties() []*nodes.Property {
	onWebhook := vals("webhook")
	onWebhookOrForm := vals("webhook", "form")
	described := func(p *nodes.Property, desc string) *nodes.Property {
		p.Description = desc
		return p
	}

	resume := optionsProp("Resume", "resume", "timeInterval", "After Time Interval", "timeInterval", "At Specified Time", "specificTime",
		"On Webhook Call", "webhook", "On Form Submitted", "form")
	resume.Description = "Determines the waiting mode to use before the workflow continues"

	formAuth := withShow(optionsProp("Authentication", "incomingAuthentication", "none", "Basic Auth", "basicAuth", "None", "none"), "resume", vals("form"))
	formAuth.Description = "If and how incoming resume-webhook-requests to $execution.resumeFormUrl should be authenticated for additional security"
	webhookAuth := withShow(optionsProp("Authentication", "incomingAuthentication", "none",
		"Basic Auth", "basicAuth", "Header Auth", "headerAuth", "JWT Auth", "jwtAuth", "None", "none"), "resume", onWebhook)
	webhookAuth.NoDataExpression = true
	webhookAuth.Description = "If and how incoming resume-webhook-requests to $execution.resumeUrl should be authenticated for additional security"

	date := withShow(described(prop("Date and Time", "dateTime", nodes.TypeDateTime, ""), "The date and time to wait for before continuing"), "resume", vals("specificTime"))
	date.Required = true

	amount := func(def float64) *nodes.Property {
		p := described(prop("Wait Amount", "amount", nodes.TypeNumber, def), "The time to wait")
		p.TypeOptions = map[string]any{"minValue": 0, "numberPrecision": 2}
		p.ValidateType = "number"
		return p
	}
	unit := func(def string) *nodes.Property {
		return described(optionsProp("Wait Unit", "unit", def, "Seconds", "seconds", "Minutes", "minutes", "Hours", "hours", "Days", "days"),
			"The time unit of the Wait Amount value")
	}
	v1 := vals(1.0)

	notice := withShow(prop("The webhook URL will be generated at run time. It can be referenced with the <strong>$execution.resumeUrl</strong> variable. Send it somewhere before getting to this node.",
		"webhookNotice", nodes.TypeNotice, ""), "resume", onWebhook)

	httpMethod := withShow(described(optionsProp("HTTP Method", "httpMethod", "GET",
		"DELETE", "DELETE", "GET", "GET", "HEAD", "HEAD", "PATCH", "PATCH", "POST", "POST", "PUT", "PUT"), "The HTTP method of the Webhook call"), "resume", onWebhook)
	responseCode := withShow(withHide(described(prop("Response Code", "responseCode", nodes.TypeNumber, 200), "The HTTP Response code to return"),
		"responseMode", vals("responseNode")), "resume", onWebhook)
	responseCode.TypeOptions = map[string]any{"minValue": 100, "maxValue": 599}
	responseMode := withShow(described(optionsProp("Respond", "responseMode", "onReceived",
		"Immediately", "onReceived", "When Last Node Finishes", "lastNode", "Using 'Respond to Webhook' Node", "responseNode"),
		"When and how to respond to the webhook"), "@version", vals(1.0, 1.1, 2.0), "resume", onWebhook)
	responseData := withShow(described(optionsProp("Response Data", "responseData", "firstEntryJson",
		"All Entries", "allEntries", "First Entry JSON", "firstEntryJson", "First Entry Binary", "firstEntryBinary", "No Response Body", "noData"),
		"What data should be returned. If it should return all items as an array or only the first item as object."),
		"responseMode", vals("lastNode"), "resume", onWebhook)
	responseBinary := withShow(described(prop("Property Name", "responseBinaryPropertyName", nodes.TypeString, "data"), "Name of the binary property to return"),
		"responseData", vals("firstEntryBinary"), "resume", onWebhook)
	responseBinary.Required = true

	limitWaitTime := withShow(described(prop("Limit Wait Time", "limitWaitTime", nodes.TypeBoolean, false),
		"Whether to limit the time this node should wait for a user response before execution resumes"), "resume", onWebhookOrForm)
	limitType := withShow(described(optionsProp("Limit Type", "limitType", "afterTimeInterval",
		"After Time Interval", "afterTimeInterval", "At Specified Time", "atSpecifiedTime"),
		"Sets the condition for the execution to resume. Can be a specified date or after some time."),
		"limitWaitTime", vals(true), "resume", onWebhookOrForm)
	resumeAmount := withShow(described(prop("Amount", "resumeAmount", nodes.TypeNumber, 1), "The time to wait"),
		"limitType", vals("afterTimeInterval"), "limitWaitTime", vals(true), "resume", onWebhookOrForm)
	resumeAmount.TypeOptions = map[string]any{"minValue": 0, "numberPrecision": 2}
	resumeUnit := withShow(described(optionsProp("Unit", "resumeUnit", "hours", "Seconds", "seconds", "Minutes", "minutes", "Hours", "hours", "Days", "days"),
		"Unit of the interval value"), "limitType", vals("afterTimeInterval"), "limitWaitTime", vals(true), "resume", onWebhookOrForm)
	maxDate := withShow(described(prop("Max Date and Time", "maxDateAndTime", nodes.TypeDateTime, ""), "Continue execution after the specified date and time"),
		"limitType", vals("atSpecifiedTime"), "limitWaitTime", vals(true), "resume", onWebhookOrForm)

	return []*nodes.Property{
		resume,
		formAuth,
		webhookAuth,
		date,
		withShow(amount(1), "resume", vals("timeInterval"), "@version", v1),
		withHide(withShow(amount(5), "resume", vals("timeInterval")), "@version", v1),
		withShow(unit("hours"), "resume", vals("timeInterval"), "@version", v1),
		withHide(withShow(unit("seconds"), "resume", vals("timeInterval")), "@version", v1),
		notice,
		httpMethod,
		responseCode,
		responseMode,
		responseData,
		responseBinary,
		limitWaitTime,
		limitType,
		resumeAmount,
		resumeUnit,
		maxDate,
		withShow(waitWebhookOptions(), "resume", onWebhook),
	}
}

// waitWebhookOptions is the Webhook node's options collection plus
// webhookSuffix, as the Wait node shows it for "On Webhook Call".
func waitWebhookOptions() *nodes.Property {
	v1 := vals(1.0)
	described := func(p *nodes.Property, desc string) *nodes.Property {
		p.Description = desc
		return p
	}
	binaryData := withShow(described(prop("Binary File", "binaryData", nodes.TypeBoolean, false), "Whether the webhook will receive binary data"),
		"/httpMethod", vals("PATCH", "PUT", "POST"), "@version", v1)
	binaryNameV1 := withShow(described(prop("Put Output File in Field", "binaryPropertyName", nodes.TypeString, "data"),
		`If the data gets received via "Form-Data Multipart" it will be the prefix and a number starting with 0 will be attached to it`),
		"binaryData", vals(true), "@version", v1)
	binaryNameV1.Hint = "The name of the output binary field to put the file in"
	binaryName := withHide(described(prop("Field Name for Binary Data", "binaryPropertyName", nodes.TypeString, "data"),
		"The name of the output field to put any binary file data in. Only relevant if binary data is received."), "@version", v1)
	ignoreBots := described(prop("Ignore Bots", "ignoreBots", nodes.TypeBoolean, false), "Whether to ignore requests from bots like link previewers and web crawlers")
	onlyRunIf := described(prop("Only Run If", "onlyRunIf", nodes.TypeString, ""),
		"Expression evaluated against the incoming request. The workflow will run only if the expression returns true.")
	onlyRunIf.Placeholder = "{{ $json.body.campaign_id === 'user-research-invite' }}"
	ipWhitelist := described(prop("IP(s) Allowlist", "ipWhitelist", nodes.TypeString, ""),
		"Comma-separated list of allowed IP addresses or CIDR ranges. Leave empty to allow all IPs.")
	ipWhitelist.Placeholder = "e.g. 127.0.0.1, 192.168.1.0/24"
	noResponseBody := withShow(withHide(described(prop("No Response Body", "noResponseBody", nodes.TypeBoolean, false), "Whether to send any body in the response"),
		"rawBody", vals(true)), "/responseMode", vals("onReceived"))
	rawBodyV1 := withHide(withShow(described(prop("Raw Body", "rawBody", nodes.TypeBoolean, false), "Raw body (binary)"),
		"@version", v1), "binaryData", vals(true), "noResponseBody", vals(true))
	rawBody := withHide(described(prop("Raw Body", "rawBody", nodes.TypeBoolean, false), "Whether to return the raw body"),
		"noResponseBody", vals(true), "@version", v1)
	responseData := withHide(withShow(described(prop("Response Data", "responseData", nodes.TypeString, ""), "Custom response data to send"),
		"/responseMode", vals("onReceived")), "noResponseBody", vals(true))
	responseData.Placeholder = "success"
	contentType := withShow(described(prop("Response Content-Type", "responseContentType", nodes.TypeString, ""),
		`Set a custom content-type to return if another one as the "application/json" should be returned`),
		"/responseData", vals("firstEntryJson"), "/responseMode", vals("lastNode"))
	contentType.Placeholder = "application/xml"
	headers := described(fixedList("Response Headers", "responseHeaders", map[string]any{}, "entries",
		described(prop("Name", "name", nodes.TypeString, ""), "Name of the header"),
		described(prop("Value", "value", nodes.TypeString, ""), "Value of the header"),
	), "Add headers to the webhook response")
	headers.Placeholder = "Add Response Header"
	propertyName := withShow(described(prop("Property Name", "responsePropertyName", nodes.TypeString, "data"),
		"Name of the property to return the data of instead of the whole JSON"),
		"/responseData", vals("firstEntryJson"), "/responseMode", vals("lastNode"))
	suffix := described(prop("Webhook Suffix", "webhookSuffix", nodes.TypeString, ""),
		"This suffix path will be appended to the restart URL. Helpful when using multiple wait nodes.")
	suffix.Placeholder = "webhook"
	suffix.NoDataExpression = true

	opts := collection("Options", "options", binaryData, binaryNameV1, binaryName, ignoreBots, onlyRunIf, ipWhitelist,
		noResponseBody, rawBodyV1, rawBody, responseData, contentType, headers, propertyName, suffix)
	opts.Placeholder = "Add option"
	return opts
}
