package core

import (
	"fmt"

	"github.com/noderun/noderun/nodes"
)

// Types returns every core node type, ready to register.
func Types() []*nodes.Type {
	return []*nodes.Type{
		{Description: manualTriggerDescription(), Handler: nodes.HandlerFunc(executeManualTrigger)},
		{Description: noOpDescription(), Handler: nodes.HandlerFunc(passThrough)},
		{Description: stickyNoteDescription(), Handler: nodes.HandlerFunc(passThrough)},
		{Description: stopAndErrorDescription(), Handler: nodes.HandlerFunc(executeStopAndError)},
		{Description: setDescription(), Handler: nodes.HandlerFunc(executeSet)},
		{Description: setV1Description(), Handler: nodes.HandlerFunc(executeSetV1)},
		{Description: ifDescription(), Handler: nodes.HandlerFunc(executeIf)},
		{Description: ifV1Description(), Handler: nodes.HandlerFunc(executeIfV1)},
		{Description: filterDescription(), Handler: nodes.HandlerFunc(executeFilter)},
		{Description: filterV1Description(), Handler: nodes.HandlerFunc(executeFilterV1)},
		{Description: switchDescription(), Handler: nodes.HandlerFunc(executeSwitch), Outputs: switchOutputs},
		{Description: loadDescription("switch_v1.json"), Handler: nodes.HandlerFunc(executeSwitchV1), Outputs: switchV1Outputs},
		{Description: loadDescription("switch_v2.json"), Handler: nodes.HandlerFunc(executeSwitchV1), Outputs: switchV2Outputs},
	}
}

// Register adds the core node types to r.
func Register(r *nodes.Registry) error {
	for _, t := range Types() {
		if err := r.Register(t); err != nil {
			return fmt.Errorf("core nodes: %w", err)
		}
	}
	return nil
}
