// Package fieldpath reads and writes JSON values by lodash property paths,
// as n8n's nodes do with lodash get/set/unset: dot notation ("a.b.c"),
// indexes ("a[0].b") and quoted keys (`a["x.y"]`). A path that names an
// existing key of the object is that one key (lodash isKey).
package fieldpath
