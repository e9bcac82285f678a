package expr

import "github.com/dop251/goja"

// valCache is a small string-keyed map of JS values: a slice scanned
// linearly while small (most expressions touch one or two keys), a Go map
// once it grows.
type valCache struct {
	keys []string
	vals []goja.Value
	m    map[string]goja.Value
}

// smallCache is the size at which valCache switches to a map.
const smallCache = 8

func (c *valCache) get(k string) (goja.Value, bool) {
	if c.m != nil {
		v, ok := c.m[k]
		return v, ok
	}
	for i, key := range c.keys {
		if key == k {
			return c.vals[i], true
		}
	}
	return nil, false
}

func (c *valCache) set(k string, v goja.Value) {
	if c.m != nil {
		c.m[k] = v
		return
	}
	for i, key := range c.keys {
		if key == k {
			c.vals[i] = v
			return
		}
	}
	if len(c.keys) < smallCache {
		c.keys = append(c.keys, k)
		c.vals = append(c.vals, v)
		return
	}
	c.m = make(map[string]goja.Value, 2*smallCache)
	for i, key := range c.keys {
		c.m[key] = c.vals[i]
	}
	c.m[k] = v
	c.keys, c.vals = nil, nil
}

func (c *valCache) del(k string) {
	if c.m != nil {
		delete(c.m, k)
		return
	}
	for i, key := range c.keys {
		if key == k {
			c.keys = append(c.keys[:i], c.keys[i+1:]...)
			c.vals = append(c.vals[:i], c.vals[i+1:]...)
			return
		}
	}
}

// each calls f for every entry.
func (c *valCache) each(f func(k string, v goja.Value)) {
	if c.m != nil {
		for k, v := range c.m {
			f(k, v)
		}
		return
	}
	for i, k := range c.keys {
		f(k, c.vals[i])
	}
}

// reset empties the cache, keeping its storage.
func (c *valCache) reset() {
	clear(c.vals)
	c.keys, c.vals, c.m = c.keys[:0], c.vals[:0], nil
}
