// Package files holds n8n's file and text nodes: Extract From File, Convert
// To File, Read/Write Files from Disk, HTML, Markdown, XML and Crypto.
//
// Binary payloads go through the nodes package helpers (PrepareBinaryData,
// BinaryData.Bytes), so large files may live on disk as in n8n's
// filesystem binary mode.
//
//	r := nodes.NewRegistry()
//	if err := files.Register(r); err != nil { ... }
package files
