package api

import (
	_ "embed"
	"net/http"
)

// openapiJSON is the OpenAPI 3.1 document of this API, written by hand. The
// tests check that it names every route of routes() and nothing else, that
// its schemas describe the real responses, and compare it with a golden copy.
//
//go:embed openapi.json
var openapiJSON []byte

// GET /api/openapi.json
func (s *server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", jsonContentType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(openapiJSON)
	return nil
}
