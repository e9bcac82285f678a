package routing

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/noderun/noderun/nodes"
)

// extractParam returns the value routing sees for a parameter with
// extractValue or of type resourceLocator (n8n's getNodeParameter with
// extractValue): a resource locator is unwrapped to its value, and a regex
// extractValue (on the property, or on the locator's selected mode) keeps
// the first capture group. A value the regex does not match is an error,
// as in n8n.
func extractParam(p *nodes.Property, v any) (any, error) {
	ev := p.ExtractValue
	if m, ok := v.(map[string]any); ok {
		if _, rl := m["__rl"]; rl {
			v = m["value"]
			mode, _ := m["mode"].(string)
			for _, md := range p.Modes {
				if md != nil && md.Name == mode && md.ExtractValue != nil {
					ev = md.ExtractValue
				}
			}
		}
	}
	if ev == nil || str(ev["type"]) != "regex" {
		return v, nil
	}
	s, ok := v.(string)
	if !ok {
		return v, nil
	}
	re, err := compileRegex(str(ev["regex"]))
	if err != nil {
		return nil, fmt.Errorf("extractValue regex of %s: %w", p.Name, err)
	}
	m := re.FindStringSubmatch(s)
	if m == nil || len(m) < 2 {
		return nil, fmt.Errorf("ERROR: %s parameter's value is invalid. This is likely because the URL entered is incorrect", p.DisplayName)
	}
	return m[1], nil
}

var regexCache sync.Map // string -> *regexp.Regexp

func compileRegex(src string) (*regexp.Regexp, error) {
	if re, ok := regexCache.Load(src); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, err
	}
	regexCache.Store(src, re)
	return re, nil
}
