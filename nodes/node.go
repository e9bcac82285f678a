package nodes

// OnError values of a node (n8n's node settings "On Error").
const (
	OnErrorStop            = "stopWorkflow"
	OnErrorContinueRegular = "continueRegularOutput"
	OnErrorContinueOutput  = "continueErrorOutput"
)

// Node is one node of a workflow (n8n's INode): an instance of a node type
// with its stored parameters and settings.
type Node struct {
	ID               string                   `json:"id,omitempty"`
	Name             string                   `json:"name" validate:"required"`
	Type             string                   `json:"type" validate:"required"`
	TypeVersion      float64                  `json:"typeVersion"`
	Position         []float64                `json:"position,omitempty"`
	Parameters       map[string]any           `json:"parameters"`
	Credentials      map[string]CredentialRef `json:"credentials,omitempty"`
	Disabled         bool                     `json:"disabled,omitempty"`
	OnError          string                   `json:"onError,omitempty" validate:"omitempty,oneof=stopWorkflow continueRegularOutput continueErrorOutput"`
	ContinueOnFail   bool                     `json:"continueOnFail,omitempty"`
	RetryOnFail      bool                     `json:"retryOnFail,omitempty"`
	MaxTries         *float64                 `json:"maxTries,omitempty"`
	WaitBetweenTries *float64                 `json:"waitBetweenTries,omitempty"`
	AlwaysOutputData bool                     `json:"alwaysOutputData,omitempty"`
	ExecuteOnce      bool                     `json:"executeOnce,omitempty"`
	Notes            string                   `json:"notes,omitempty"`
	NotesInFlow      bool                     `json:"notesInFlow,omitempty"`
	WebhookID        string                   `json:"webhookId,omitempty"`
}

// CredentialRef names a stored credential from a node: by id, then by name.
type CredentialRef struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// ContinueOnFailMode returns the effective onError setting: onError when
// set, else continueRegularOutput for the legacy continueOnFail flag.
func (n *Node) ContinueOnFailMode() string {
	if n.OnError != "" {
		return n.OnError
	}
	if n.ContinueOnFail {
		return OnErrorContinueRegular
	}
	return OnErrorStop
}

// ContinuesOnFail reports whether errors are turned into items rather than
// stopping the workflow (n8n's continueOnFail()).
func (n *Node) ContinuesOnFail() bool {
	m := n.ContinueOnFailMode()
	return m == OnErrorContinueRegular || m == OnErrorContinueOutput
}
