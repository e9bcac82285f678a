package code_test

import (
	"strings"
	"testing"
	"time"

	"github.com/noderun/noderun/nodes/code"
)

// TestSandbox checks that every escape and runaway ends in a node error
// while the process (and the shared engine) stays usable.
func TestSandbox(t *testing.T) {
	t.Parallel()
	eng := newEngine(t)
	tests := []struct {
		name, code string
		// want is a substring of the node error message.
		want string
	}{
		{"require", "const fs = require('fs'); return []", "Module 'fs' is disallowed [line 1]"},
		{"require child_process", "require('child_process').execSync('id')", "Module 'child_process' is disallowed"},
		{"process", "return [{env: process.env}]", "process is not defined [line 1]"},
		{"eval", "return [{v: eval('1+1')}]", "eval is not defined"},
		{"Function", "return [{v: Function('return 1')()}]", "Function is not defined"},
		{"this.constructor.constructor", "return this.constructor.constructor('return process')()", "[line 1]"},
		{"array constructor escape", "return [].constructor.constructor('return this')()", "[line 1]"},
		{"arrow constructor escape", "return (() => 1).constructor('return 1')()", "[line 1]"},
		{"async function constructor", "const AF = (async () => {}).constructor; return AF('return 1')()", "[line 1]"},
		{"generator constructor", "const G = (function*(){}).constructor; return G('yield 1')", "[line 1]"},
		{"helpers.httpRequest", "await helpers.httpRequest({url: 'http://127.0.0.1'})", `The function "helpers.httpRequest" is not supported in the Code Node`},
		{"this.helpers.request", "await this.helpers.request('http://127.0.0.1')", `The function "helpers.request" is not supported in the Code Node`},
		{"fetch", "await fetch('http://example.com')", "fetch is not defined"},
		{"setTimeout", "await new Promise(r => setTimeout(r, 10))", "setTimeout is not defined"},
		{"pending promise", "await new Promise(() => {})", "never settled"},
		{"infinite loop", "while (true) {}", "Task execution timed out"},
		{"infinite async loop", "for (;;) { await 1 }", "Task execution timed out"},
		{"recursion", "function f() { return f() } f()", "Maximum call stack size exceeded"},
		{"repeat", "return [{s: 'x'.repeat(1e9)}]", "Invalid string length"},
		{"padStart", "return [{s: ''.padStart(1e9)}]", "Invalid string length"},
		{"padEnd", "return [{s: 'a'.padEnd(2**31)}]", "Invalid string length"},
		{"new Array fill", "return [{a: new Array(1e9).fill(0)}]", "Invalid array length"},
		{"length grow join", "const a = []; a.length = 1e9; return [{s: a.join('-')}]", "Invalid array length"},
		{"join of big strings", "const a = new Array(1000).fill('x'.repeat(1 << 20)); return [{s: a.join('')}]", "Invalid string length"},
		{"spread huge array", "return [{a: [...new Array(1e9)]}]", "Invalid array length"},
		{"Array.from length", "return [{a: Array.from({length: 1e9})}]", "Invalid array length"},
		{"apply huge", "return [{m: Math.max.apply(null, {length: 1e9})}]", "Invalid array length"},
		{"return sparse array", "const a = [{}]; a.length = 1e9; return a", "Invalid array length"},
		{"typed array from array-like", "return [{b: new Float64Array({length: 1e12}).length}]", "Array buffer allocation failed"},
		{"nested stringify", "const a = []; a.length = 1e9; return [{s: JSON.stringify({x: [a]})}]", "Invalid array length"},
		{"console.log huge", "const a = []; a.length = 1e9; console.log({a}); return []", "Invalid array length"},
		{"concat huge", "const a = []; a.length = 1e9; return [{n: [].concat(a).length}]", "Invalid array length"},
		{"template of huge", "const a = []; a.length = 1e9; return [{s: `${a}`}]", "Invalid array length"},
		{"throw huge", "const a = []; a.length = 1e9; throw a", "Unknown error"},
		{"error with huge property", "const e = new Error('big'); e.a = []; e.a.length = 1e9; throw e", "big [line 1]"},
		{"split into characters", "const s = 'ab'.repeat(1 << 20); return [{n: s.split('').length}]", "Invalid array length"},
		{"spread a long string", "const s = 'ab'.repeat(1 << 20); return [{n: [...s].length}]", "Invalid array length"},
		{"replace blow-up", "const s = 'x'.repeat(1 << 20); return [{n: s.replace(/x/g, 'yyyyyyyy').length}]", "Invalid string length"},
		{"replaceAll blow-up", "const s = 'x'.repeat(1 << 16); return [{n: s.replaceAll('x', '$&$`').length}]", "Invalid string length"},
		{"typed array", "return [{b: new Uint8Array(1e12).length}]", "Array buffer allocation failed"},
	}
	t.Run("escapes and caps", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				got := run(t, eng, workflow(t, code.CodeType, 2, m{"mode": "runOnceForAllItems", "jsCode": tt.code}, nil))
				if got.Err == "" {
					t.Fatalf("no error; output %v", got.Items)
				}
				if !strings.Contains(got.Err, tt.want) {
					t.Errorf("error %q, want it to contain %q", got.Err, tt.want)
				}
			})
		}
	})
	// Runaway allocation, one at a time: the heap watchdog stops it.
	hog := newEngineWith(t, code.Options{Timeout: 20 * time.Second, MaxMemory: 96 << 20})
	for _, tt := range []struct{ name, code string }{
		{"string doubling", "let s = 'x'; for (;;) s += s;"},
		{"push loop", "const a = []; for (;;) a.push({x: 'yyyyyyyyyy' + a.length});"},
		{"object growth", "const o = {}; for (let i = 0; ; i++) o['k' + i] = [i, i, i];"},
	} {
		got := run(t, hog, workflow(t, code.CodeType, 2, m{"jsCode": tt.code}, nil))
		if !strings.Contains(got.Err, "Code used too much memory") {
			t.Errorf("%s: error %q, want the memory limit", tt.name, got.Err)
		}
	}
	// The engine still runs code after all of the above.
	got := run(t, eng, workflow(t, code.CodeType, 2, m{"mode": "runOnceForAllItems", "jsCode": "return [{ok: true}]"}, nil))
	if got.Err != "" || len(got.Items) != 1 {
		t.Fatalf("healthy run after sandbox failures: %+v", got)
	}
}

// TestNoStateBetweenRuns checks that globals and prototype changes of one
// run are gone in the next.
func TestNoStateBetweenRuns(t *testing.T) {
	t.Parallel()
	eng := newEngine(t)
	pollute := `Object.prototype.polluted = 'yes'; Array.prototype.map = () => 'hijacked';
String.prototype.toUpperCase = () => 'hijacked'; globalThis.leak = 1; JSON.parse = () => 'hijacked';
return [{p: ({}).polluted}]`
	first := run(t, eng, workflow(t, code.CodeType, 2, m{"jsCode": pollute}, nil))
	if first.Err != "" {
		t.Fatalf("polluting run: %s", first.Err)
	}
	check := `return [{p: ({}).polluted === undefined, m: [1].map(x => x + 1)[0], u: 'a'.toUpperCase(), l: typeof leak, j: JSON.parse('1')}]`
	got := run(t, eng, workflow(t, code.CodeType, 2, m{"jsCode": check}, nil))
	want := outcome{Items: []any{item(m{"p": true, "m": 2.0, "u": "A", "l": "undefined", "j": 1.0}, 0)}}
	if diff := cmpDiff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Input items are never changed by code that mutates them.
	mut := run(t, eng, workflow(t, code.CodeType, 2, m{"jsCode": "$input.first().json.n = 99; delete $input.first().json.name; return [{n: $('First').first().json.n, name: $('First').first().json.name}]"}, nil))
	if diff := cmpDiff(outcome{Items: []any{item(m{"n": 1.0, "name": "a"}, 0)}}, mut); diff != "" {
		t.Errorf("input mutated (-want +got):\n%s", diff)
	}
}
