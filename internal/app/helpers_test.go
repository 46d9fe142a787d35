package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// cliOn returns a runner of convene commands on the storage flags that
// fails the test on a non-zero exit and returns the trimmed output.
func cliOn(t *testing.T, storage []string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, nil, append(args, storage...)...)
		if code != 0 {
			t.Fatalf("convene %v: exit %d: %s", args, code, errOut)
		}
		return strings.TrimSpace(out)
	}
}

// printedPassword is the password `convene user add` printed.
func printedPassword(out string) string {
	return strings.TrimSpace(out[strings.Index(out, "password: ")+len("password: "):])
}

// signedIn is a browser (cookies kept) signed in at base with the account.
func signedIn(t *testing.T, base, email, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err := browser.PostForm(base+"/zh/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return browser
}

// uploadProgram posts a program file to an edition's program page as the
// page's form does, and returns the status and the page.
func uploadProgram(t *testing.T, browser *http.Client, target string, file []byte) (int, string) {
	t.Helper()
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "program.csv")
	fw.Write(file)
	mw.Close()
	res, err := browser.Post(target, mw.FormDataContentType(), &form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func postJSON(t *testing.T, target, token string, body any) map[string]any {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, target, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v map[string]any
	_ = json.NewDecoder(res.Body).Decode(&v)
	return v
}
