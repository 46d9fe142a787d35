package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"convene/internal/audit"
	"convene/internal/program"
	"convene/internal/registration"
)

var update = flag.Bool("update", false, "rewrite testdata/openapi.golden.json from the served document")

func TestOpenAPIIsJSON31(t *testing.T) {
	doc := apiDoc(t)
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	if !json.Valid(openapiJSON) {
		t.Fatal("openapi.json is not valid JSON")
	}
	for _, key := range []string{"info", "paths", "components"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("document has no %s", key)
		}
	}
	// Every local $ref resolves.
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("$ref %s does not resolve", ref)
						}
					}()
					resolve(doc, v)
				}()
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
}

// The route table registers the handlers and must match the document's paths
// exactly, in both directions.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := apiDoc(t)
	var registered, documented []string
	opIDs := map[string]string{}
	for _, rt := range routes() {
		key := rt.method + " " + rt.path
		registered = append(registered, key)
		name := runtime.FuncForPC(reflect.ValueOf(rt.handler).Pointer()).Name()
		opIDs[key] = strings.TrimSuffix(name[strings.LastIndex(name, ".")+1:], "-fm")
	}
	pathParam := regexp.MustCompile(`\{([^}]+)\}`)
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			key := strings.ToUpper(method) + " " + path
			documented = append(documented, key)
			op := op.(map[string]any)
			if want, ok := opIDs[key]; ok && op["operationId"] != want {
				t.Errorf("%s: operationId %v, want the handler's name %s", key, op["operationId"], want)
			}
			// Path parameters declared = path parameters in the template.
			var declared []string
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				p := resolve(doc, p.(map[string]any))
				if p["in"] == "path" {
					declared = append(declared, p["name"].(string))
					if p["required"] != true {
						t.Errorf("%s: path parameter %v is not required", key, p["name"])
					}
				}
			}
			var inPath []string
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				inPath = append(inPath, m[1])
			}
			slices.Sort(declared)
			slices.Sort(inPath)
			if !slices.Equal(declared, inPath) {
				t.Errorf("%s: declares path parameters %v, template has %v", key, declared, inPath)
			}
			responses := op["responses"].(map[string]any)
			if !slices.ContainsFunc([]string{"200", "201", "204"}, func(st string) bool { return responses[st] != nil }) {
				t.Errorf("%s: no success response", key)
			}
			if len(inPath) > 0 || len(params) > 0 {
				for _, st := range []string{"400", "404"} {
					if _, ok := responses[st]; !ok {
						t.Errorf("%s: takes parameters but documents no %s", key, st)
					}
				}
			}
		}
	}
	slices.Sort(registered)
	slices.Sort(documented)
	for _, k := range registered {
		if !slices.Contains(documented, k) {
			t.Errorf("route %s is registered but not in openapi.json", k)
		}
	}
	for _, k := range documented {
		if !slices.Contains(registered, k) {
			t.Errorf("openapi.json documents %s, which routes() does not register", k)
		}
	}
}

// The enums of the document are the domain's lists, in the same order.
func TestOpenAPIEnumsMatchProgram(t *testing.T) {
	doc := apiDoc(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	check := func(name string, want []string) {
		t.Helper()
		got := anyStrings(schemas[name].(map[string]any)["enum"])
		if !slices.Equal(got, want) {
			t.Errorf("schema %s enum = %v, want %v", name, got, want)
		}
	}
	check("ActivityKind", strs(program.ActivityKinds))
	check("Orientation", strs(program.Orientations))
	check("OrgKind", strs(program.OrgKinds))
	check("HostRole", strs(program.HostRoles))
	check("Honour", strs(program.Honours))
	check("Status", []string{string(program.StatusDraft), string(program.StatusPublished), string(program.StatusCancelled)})
	check("AttendeeKind", strs(registration.Kinds))
	check("ChangeKind", strs(program.ChangeKinds))
	check("CheckinOutcome", strs([]registration.Outcome{registration.Admitted, registration.AlreadyIn, registration.NotRegistered, registration.UnknownTicket, registration.RevokedTicket}))
	actions := anyStrings(schemas["AuditEntry"].(map[string]any)["properties"].(map[string]any)["action"].(map[string]any)["enum"])
	if !slices.Equal(actions, audit.Actions) {
		t.Errorf("AuditEntry action enum = %v, want %v", actions, audit.Actions)
	}
	params := doc["components"].(map[string]any)["parameters"].(map[string]any)
	for _, name := range program.FilterFields {
		if _, ok := params[name]; !ok {
			t.Errorf("filter parameter %s is not in components.parameters", name)
		}
	}
	for _, name := range []string{"kind", "orientation"} {
		s := resolve(doc, params[name].(map[string]any)["schema"].(map[string]any))
		if _, ok := s["enum"]; !ok {
			t.Errorf("parameter %s has no enum", name)
		}
	}
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// The served document is compared byte for byte with a golden copy, so it
// cannot change by accident; `go test ./internal/api -update` rewrites it.
func TestOpenAPIGolden(t *testing.T) {
	cat, _ := fixtureCatalog()
	res, body := call(t, New(Config{Catalog: cat}), http.MethodGet, "/api/openapi.json", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != jsonContentType {
		t.Fatalf("GET /api/openapi.json: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	golden := filepath.Join("testdata", "openapi.golden.json")
	if *update {
		if err := os.WriteFile(golden, body, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/api -update)", err)
	}
	if !bytes.Equal(body, want) {
		t.Fatalf("the served OpenAPI document differs from %s; if the change is intended run go test ./internal/api -update and review the diff", golden)
	}
}
