package api

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The document validates as OpenAPI 3.1 against the official JSON Schemas of
// the OpenAPI Initiative (testdata/oas-3.1, see its README): schema.json
// checks the document's structure, schema-base.json in addition every Schema
// Object in it against the OpenAPI dialect of JSON Schema 2020-12. The
// schemas are read from testdata and the JSON Schema meta-schemas are the
// validator's built-in copies; a loader that refuses everything guarantees
// that nothing is fetched from the network.

type noNetwork struct{}

func (noNetwork) Load(url string) (any, error) {
	return nil, fmt.Errorf("%s is not in testdata/oas-3.1 and the test does not use the network", url)
}

func oas31Compiler(t *testing.T) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(noNetwork{})
	c.AssertFormat()
	for _, name := range []string{"schema.json", "schema-base.json", "dialect-base.schema.json", "meta-base.schema.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "oas-3.1", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return c
}

const (
	oasSchema     = "https://spec.openapis.org/oas/3.1/schema/2022-10-07"
	oasSchemaBase = "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"
)

func TestOpenAPIValidatesAsOAS31(t *testing.T) {
	c := oas31Compiler(t)
	for _, id := range []string{oasSchema, oasSchemaBase} {
		sch, err := c.Compile(id)
		if err != nil {
			t.Fatalf("compile %s: %v", id, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openapiJSON))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(doc); err != nil {
			t.Errorf("openapi.json is not a valid OpenAPI 3.1 document (%s):\n%v", id, err)
		}
	}
}

// The validation bites: documents with typical mistakes fail.
func TestOAS31ValidationRejectsMistakes(t *testing.T) {
	sch, err := oas31Compiler(t).Compile(oasSchemaBase)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ from, to string }{
		{`"openapi": "3.1.0"`, `"openapi": "3.0.3"`},
		{`"in": "query"`, `"in": "body"`},
		{`"type": "string"`, `"type": "text"`},
	} {
		body := bytes.Replace(openapiJSON, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(body, openapiJSON) {
			t.Fatalf("%s is not in openapi.json", bad.from)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(doc) == nil {
			t.Errorf("a document with %s passes", bad.to)
		}
	}
}
