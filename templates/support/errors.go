package support

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Error is an OData error: what the service answers with a non-2xx status,
// as {"error":{"code":"...","message":"..."}}.
//
// A Server method returns an *Error to choose the status and code of its
// answer; the Client returns one for every non-2xx answer it receives.
type Error struct {
	// StatusCode is the HTTP status; it travels in the status line, not the body.
	StatusCode int `json:"-"`
	// Code is a machine-readable code, such as "BadRequest" or "ResourceNotFound".
	Code string `json:"code"`
	// Message is for people.
	Message string `json:"message"`
}

func (e *Error) Error() string {
	return fmt.Sprintf(packageName+": %d %s: %s", e.StatusCode, e.Code, e.Message)
}

// The Client wraps these in the errors of 2xx answers it cannot use; test
// for them with errors.Is. A body that is not valid JSON, or not of the
// documented shape, is a *DecodeError instead, and one cut short by a closed
// connection wraps io.ErrUnexpectedEOF.
var (
	// ErrResponseTooLarge is a body longer than WithMaxResponseBytes allows.
	ErrResponseTooLarge = errors.New("response too large")
	// ErrNotJSON is a body whose Content-Type is not JSON.
	ErrNotJSON = errors.New("response is not JSON")
	// ErrEmptyResponse is a missing body where the operation returns a result.
	ErrEmptyResponse = errors.New("response body is empty")
)

// errorBody is the envelope an Error travels in.
type errorBody struct {
	Error *Error `json:"error"`
}

// WriteError sends an OData error.
func WriteError(w http.ResponseWriter, status int, code, message string) {
	body, _ := json.Marshal(errorBody{&Error{Code: code, Message: message}})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(body)
}

// Codes used by the handler for the errors it detects itself.
const (
	CodeBadRequest       = "BadRequest"
	codeUnauthorized     = "InvalidAuthenticationToken"
	codeForbidden        = "Authorization_RequestDenied"
	codeNotFound         = "ResourceNotFound"
	codeMethodNotAllowed = "MethodNotAllowed"
	codeTooLarge         = "RequestEntityTooLarge"
	codeRequestTimeout   = "RequestTimeout"
	codeUnsupportedMedia = "UnsupportedMediaType"
	codeInternal         = "InternalServerError"
	codeNotImplemented   = "NotImplemented"
)

// NotImplemented is what UnimplementedServer's methods return.
func NotImplemented(operation string) error {
	return &Error{StatusCode: http.StatusNotImplemented, Code: codeNotImplemented, Message: operation + " is not implemented"}
}

// errNoRoute is what a Client method returns when its Params select no
// documented route.
func errNoRoute(operation, route string) error {
	if route == "" {
		return fmt.Errorf(packageName+": %s: no documented route takes exactly the path parameters that are set", operation)
	}
	return fmt.Errorf(packageName+": %s: %q is not one of its routes", operation, route)
}
