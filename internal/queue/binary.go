package queue

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/noderun/noderun/nodes"
)

// ObjectRefPrefix starts the BinaryData.ID of an entry whose payload
// travels through the object store: "nats-object:<name>", followed by
// ":<original id>" when the entry had one. Its Data is empty on the wire.
const ObjectRefPrefix = "nats-object:"

// objectName is the content address of data.
func objectName(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256-" + hex.EncodeToString(sum[:])
}

// putObject stores data under its content address and returns the name.
// An object stored recently under the same name is not uploaded again.
func (l *link) putObject(ctx context.Context, data []byte) (string, error) {
	name := objectName(data)
	if info, err := l.objects.GetInfo(ctx, name); err == nil && !info.Deleted && time.Since(info.ModTime) < l.opts.BinaryTTL/2 {
		return name, nil
	}
	if _, err := l.objects.PutBytes(ctx, name, data); err != nil {
		return "", fmt.Errorf("object store: put %s (%d bytes): %w", name, len(data), err)
	}
	return name, nil
}

// getObject reads the object name.
func (l *link) getObject(ctx context.Context, name string) ([]byte, error) {
	data, err := l.objects.GetBytes(ctx, name)
	if err != nil {
		if errors.Is(err, jetstream.ErrObjectNotFound) {
			return nil, fmt.Errorf("object store: %s is gone (expired after %s?): %w", name, l.opts.BinaryTTL, err)
		}
		return nil, fmt.Errorf("object store: get %s: %w", name, err)
	}
	return data, nil
}

// offloadData stores a binary payload and returns the reference ID that
// replaces it.
func (l *link) offloadData(ctx context.Context, data, id string) (string, error) {
	name, err := l.putObject(ctx, []byte(data))
	if err != nil {
		return "", err
	}
	ref := ObjectRefPrefix + name
	if id != "" {
		ref += ":" + id
	}
	return ref, nil
}

// restoreData reads a reference ID back into the payload and the original
// ID.
func (l *link) restoreData(ctx context.Context, ref string) (data, id string, err error) {
	rest := strings.TrimPrefix(ref, ObjectRefPrefix)
	name, id, _ := strings.Cut(rest, ":")
	b, err := l.getObject(ctx, name)
	if err != nil {
		return "", "", err
	}
	return string(b), id, nil
}

// offloadItems returns items with every binary payload longer than the
// threshold moved to the object store; items itself is not modified (a
// changed item is copied).
func (l *link) offloadItems(ctx context.Context, items []nodes.Item) ([]nodes.Item, error) {
	var out []nodes.Item
	copied := map[int]bool{}
	for i, it := range items {
		for key, bd := range it.Binary {
			if bd == nil || len(bd.Data) <= l.opts.BinaryThreshold {
				continue
			}
			if out == nil {
				out = append([]nodes.Item(nil), items...)
			}
			if !copied[i] {
				copied[i] = true
				out[i].Binary = make(map[string]*nodes.BinaryData, len(it.Binary))
				for k, v := range it.Binary {
					out[i].Binary[k] = v
				}
			}
			ref, err := l.offloadData(ctx, bd.Data, bd.ID)
			if err != nil {
				return nil, fmt.Errorf("item %d binary %q: %w", i, key, err)
			}
			c := *bd
			c.Data, c.ID = "", ref
			out[i].Binary[key] = &c
		}
	}
	if out == nil {
		return items, nil
	}
	return out, nil
}

// restoreItems puts the payloads of object references back, in place.
func (l *link) restoreItems(ctx context.Context, items []nodes.Item) error {
	for i, it := range items {
		for key, bd := range it.Binary {
			if bd == nil || !strings.HasPrefix(bd.ID, ObjectRefPrefix) {
				continue
			}
			data, id, err := l.restoreData(ctx, bd.ID)
			if err != nil {
				return fmt.Errorf("item %d binary %q: %w", i, key, err)
			}
			bd.Data, bd.ID = data, id
		}
	}
	return nil
}

// offloadRaw moves binary payloads longer than the threshold out of a JSON
// document (an engine result): every "binary" object whose entries have a
// "data" string is looked at. Key order is kept.
func (l *link) offloadRaw(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) <= l.opts.BinaryThreshold {
		return raw, nil
	}
	doc, err := nodes.DecodeJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	changed := false
	err = walkBinaries(doc, func(entry map[string]any) error {
		data, _ := entry["data"].(string)
		if len(data) <= l.opts.BinaryThreshold {
			return nil
		}
		id, _ := entry["id"].(string)
		ref, err := l.offloadData(ctx, data, id)
		if err != nil {
			return err
		}
		entry["data"], entry["id"] = "", ref
		changed = true
		return nil
	})
	if err != nil || !changed {
		return raw, err
	}
	return nodes.MarshalJSON(doc)
}

// restoreRaw puts the payloads of object references in a JSON document
// back.
func (l *link) restoreRaw(ctx context.Context, raw json.RawMessage) (json.RawMessage, error) {
	if !bytes.Contains(raw, []byte(ObjectRefPrefix)) {
		return raw, nil
	}
	doc, err := nodes.DecodeJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	changed := false
	err = walkBinaries(doc, func(entry map[string]any) error {
		ref, _ := entry["id"].(string)
		if !strings.HasPrefix(ref, ObjectRefPrefix) {
			return nil
		}
		data, id, err := l.restoreData(ctx, ref)
		if err != nil {
			return err
		}
		entry["data"] = data
		if id == "" {
			delete(entry, "id")
		} else {
			entry["id"] = id
		}
		changed = true
		return nil
	})
	if err != nil || !changed {
		return raw, err
	}
	return nodes.MarshalJSON(doc)
}

// walkBinaries calls fn for every entry of every "binary" object in v.
func walkBinaries(v any, fn func(entry map[string]any) error) error {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if bin, ok := child.(map[string]any); ok && k == "binary" {
				for _, e := range bin {
					if entry, ok := e.(map[string]any); ok {
						if _, isData := entry["data"].(string); isData {
							if err := fn(entry); err != nil {
								return err
							}
							continue
						}
					}
				}
			}
			if err := walkBinaries(child, fn); err != nil {
				return err
			}
		}
	case []any:
		for _, child := range t {
			if err := walkBinaries(child, fn); err != nil {
				return err
			}
		}
	}
	return nil
}
