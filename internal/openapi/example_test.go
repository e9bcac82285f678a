package openapi_test

import (
	"fmt"

	"github.com/noderun/noderun/internal/openapi"
)

func ExampleBuildProperties() {
	doc, err := openapi.Load([]byte(`{"openapi": "3.0.0", "paths": {"/users/{id}": {"patch": {
		"tags": ["Users"], "operationId": "update-a-user", "summary": "Update a user",
		"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
		"requestBody": {"content": {"application/json": {"schema": {"properties": {"name": {"type": "string"}}}}}}}}}}`))
	if err != nil {
		panic(err)
	}
	res, err := openapi.BuildProperties(doc, openapi.Options{})
	if err != nil {
		panic(err)
	}
	op := res.Properties[1].Options[0]
	fmt.Println(res.Properties[0].Options[0].Name, "→", op.Name, op.Routing.Request["method"], op.Routing.Request["url"])
	for _, p := range res.Properties[2:] {
		fmt.Println(p.Name, p.Type, p.Required)
	}
	// Output:
	// Users → Update A User PATCH =/users/{{$parameter["id"]}}
	// operation notice false
	// id number true
	// name string false
}
