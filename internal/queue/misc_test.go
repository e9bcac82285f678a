package queue_test

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/nats-io/nats.go"
)

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// natsMsg is a raw JetStream message a test publishes.
type natsMsg struct {
	subject string
	data    []byte
	headers map[string]string
}

func (m *natsMsg) publish(in *inspector) error {
	msg := nats.NewMsg(m.subject)
	msg.Data = m.data
	for k, v := range m.headers {
		msg.Header.Set(k, v)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := in.js.PublishMsg(ctx, msg)
	return err
}
