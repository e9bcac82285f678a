package ext_test

import (
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/noderun/noderun/internal/expr/ext"
)

func ExampleInstall() {
	rt := goja.New()
	ny, _ := time.LoadLocation("America/New_York")
	if err := ext.Install(rt, ny); err != nil {
		panic(err)
	}
	v, _ := rt.RunString(`[
		'the quick brown fox'.toTitleCase(),
		[4, 8, 15].sum(),
		DateTime.fromISO('2024-03-09T12:00:00').plus({ days: 1 }).toISO(),
		$jmespath({ a: [{ b: 1 }, { b: 2 }] }, 'a[*].b'),
	]`)
	fmt.Println(v.String())
	// Output: The Quick Brown Fox,27,2024-03-10T12:00:00.000-04:00,1,2
}
