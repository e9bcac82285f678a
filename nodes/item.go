package nodes

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Item is one n8n item (INodeExecutionData): a JSON payload, optional binary
// attachments, its lineage and, for failed items, the error.
//
// JSON is usually a map[string]any, but declarative nodes may carry any JSON
// value (a text body becomes a string), exactly as n8n does.
type Item struct {
	JSON       any                    `json:"json"`
	Binary     map[string]*BinaryData `json:"binary,omitempty"`
	PairedItem PairedItems            `json:"pairedItem,omitzero"`
	Error      *NodeError             `json:"error,omitempty"`
	Metadata   map[string]any         `json:"metadata,omitempty"`
}

// itemWire is Item's JSON form with the payload left raw.
type itemWire struct {
	JSON       json.RawMessage        `json:"json"`
	Binary     map[string]*BinaryData `json:"binary,omitempty"`
	PairedItem PairedItems            `json:"pairedItem,omitzero"`
	Error      *NodeError             `json:"error,omitempty"`
	Metadata   map[string]any         `json:"metadata,omitempty"`
}

// MarshalJSON writes the item with its json payload's keys in their
// recorded order (see Keys).
func (it Item) MarshalJSON() ([]byte, error) {
	payload, err := MarshalJSON(it.JSON)
	if err != nil {
		return nil, fmt.Errorf("item json: %w", err)
	}
	return json.Marshal(itemWire{JSON: payload, Binary: it.Binary, PairedItem: it.PairedItem, Error: it.Error, Metadata: it.Metadata})
}

// UnmarshalJSON reads an item, keeping the key order of its json payload.
func (it *Item) UnmarshalJSON(b []byte) error {
	var w itemWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*it = Item{Binary: w.Binary, PairedItem: w.PairedItem, Error: w.Error, Metadata: w.Metadata}
	if len(w.JSON) > 0 {
		v, err := DecodeJSON(w.JSON)
		if err != nil {
			return fmt.Errorf("item json: %w", err)
		}
		it.JSON = v
	}
	return nil
}

// Object returns the item's JSON as an object, or nil when it is not one.
func (it Item) Object() map[string]any {
	m, _ := it.JSON.(map[string]any)
	return m
}

// NewItem returns an item with the given object payload.
func NewItem(json map[string]any) Item { return Item{JSON: json} }

// BinaryData is one entry of an item's binary map. Data holds base64 in
// memory; large payloads may instead live on disk under ID.
type BinaryData struct {
	Data          string `json:"data"`
	MimeType      string `json:"mimeType"`
	FileName      string `json:"fileName,omitempty"`
	FileExtension string `json:"fileExtension,omitempty"`
	FileSize      string `json:"fileSize,omitempty"`
	FileType      string `json:"fileType,omitempty"`
	Directory     string `json:"directory,omitempty"`
	ID            string `json:"id,omitempty"`
}

// PairedItem points at the input item an output item came from.
// Input is nil when n8n leaves it undefined (input 0 on stamping).
// SourceOverwrite, when set, names the node run the item index refers to
// in place of the input's source (Loop Over Items stamps its first run's
// source on the items it returns later).
type PairedItem struct {
	Item            int           `json:"item"`
	Input           *int          `json:"input,omitempty"`
	SourceOverwrite *PairedSource `json:"sourceOverwrite,omitempty"`
}

// InputIndex returns the input the paired item refers to (0 when unset).
func (p PairedItem) InputIndex() int {
	if p.Input == nil {
		return 0
	}
	return *p.Input
}

// Paired returns a PairedItem for item i on input input; input 0 is left
// undefined as n8n does when it stamps lineage.
func Paired(i, input int) PairedItem {
	if input == 0 {
		return PairedItem{Item: i}
	}
	in := input
	return PairedItem{Item: i, Input: &in}
}

// PairedItems is the pairedItem field: n8n writes either one object, an
// array of them, or a bare number. List records that it was (or must be
// written as) an array.
type PairedItems struct {
	Items []PairedItem
	List  bool
}

// One returns PairedItems holding a single object.
func One(p PairedItem) PairedItems { return PairedItems{Items: []PairedItem{p}} }

// IsZero reports whether no lineage is set (used by omitempty).
func (p PairedItems) IsZero() bool { return len(p.Items) == 0 && !p.List }

// MarshalJSON writes a single object, or an array when List is set.
func (p PairedItems) MarshalJSON() ([]byte, error) {
	if !p.List && len(p.Items) == 1 {
		return json.Marshal(p.Items[0])
	}
	if p.Items == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(p.Items)
}

// UnmarshalJSON accepts an object, an array of objects or a bare number.
func (p *PairedItems) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*p = PairedItems{}
		return nil
	case b[0] == '[':
		var items []PairedItem
		if err := json.Unmarshal(b, &items); err != nil {
			return fmt.Errorf("pairedItem: %w", err)
		}
		*p = PairedItems{Items: items, List: true}
		return nil
	case b[0] == '{':
		var one PairedItem
		if err := json.Unmarshal(b, &one); err != nil {
			return fmt.Errorf("pairedItem: %w", err)
		}
		*p = One(one)
		return nil
	default:
		var n int
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("pairedItem: want object, array or number: %w", err)
		}
		*p = One(PairedItem{Item: n})
		return nil
	}
}

// Outputs is what a node run produces: one slice of items per output index.
type Outputs [][]Item
