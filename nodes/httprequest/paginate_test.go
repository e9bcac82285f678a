package httprequest_test

import "testing"

func TestPagination(t *testing.T) {
	t.Parallel()
	runCases(t, []nodeCase{
		{
			name: "update a query parameter until the response is empty",
			params: `{"url": "BASE/users", "sendQuery": true, "queryParameters": {"parameters": [{"name": "per_page", "value": "2"}]},
				"options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": "={{ $pageCount + 1 }}"}]},
					"paginationCompleteWhen": "responseIsEmpty"}}}}`,
			replies: []reply{{Body: `[{"id":1},{"id":2}]`}, {Body: `[{"id":3}]`}, {Body: `[]`}},
			want: `[{"json": {"id": 1}, "pairedItem": {"item": 0}}, {"json": {"id": 2}, "pairedItem": {"item": 0}},
				{"json": {"id": 3}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{
				{Method: "GET", Path: "/users", Query: "page=1&per_page=2"},
				{Method: "GET", Path: "/users", Query: "page=2&per_page=2"},
				{Method: "GET", Path: "/users", Query: "page=3&per_page=2"},
			},
		},
		{
			name: "next URL from the response, complete by expression; $request is the first request",
			params: `{"url": "BASE/items", "sendQuery": true, "queryParameters": {"parameters": [{"name": "size", "value": "1"}]},
				"options": {"pagination": {"pagination": {"paginationMode": "responseContainsNextURL",
					"nextURL": "={{ $response.body.next }}",
					"paginationCompleteWhen": "other", "completeExpression": "={{ !$response.body.next }}"}}}}`,
			replies: []reply{
				{Body: `{"v": 1, "next": "BASE/items?cursor=b&size=1"}`},
				{Body: `{"v": 2, "next": "BASE/items?cursor=c&size=1"}`},
				{Body: `{"v": 3}`},
			},
			want: `[{"json": {"v": 1, "next": "BASE/items?cursor=b&size=1"}, "pairedItem": {"item": 0}},
				{"json": {"v": 2, "next": "BASE/items?cursor=c&size=1"}, "pairedItem": {"item": 0}},
				{"json": {"v": 3}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{
				{Method: "GET", Path: "/items", Query: "size=1"},
				{Method: "GET", Path: "/items", Query: "cursor=b&size=1"},
				{Method: "GET", Path: "/items", Query: "cursor=c&size=1"},
			},
		},
		{
			name: "stop on a status code; that page is part of the output",
			params: `{"url": "BASE/p", "options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": "={{ $pageCount }}"}]},
					"paginationCompleteWhen": "receiveSpecificStatusCodes", "statusCodesWhenComplete": "404, 410"}}}}`,
			replies: []reply{{Body: `{"a": 1}`}, {Status: 404, Body: `{"end": true}`}},
			want:    `[{"json": {"a": 1}, "pairedItem": {"item": 0}}, {"json": {"end": true}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "GET", Path: "/p", Query: "page=0"}, {Method: "GET", Path: "/p", Query: "page=1"}},
		},
		{
			name: "limit pages fetched",
			params: `{"url": "BASE/p", "options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": "={{ $pageCount }}"}]},
					"limitPagesFetched": true, "maxRequests": 2}}}}`,
			replies: []reply{{Body: `[{"a": 1}]`}, {Body: `[{"a": 2}]`}, {Body: `[{"a": 3}]`}},
			want:    `[{"json": {"a": 1}, "pairedItem": {"item": 0}}, {"json": {"a": 2}, "pairedItem": {"item": 0}}]`,
			reqs:    []caseReq{{Method: "GET", Path: "/p", Query: "page=0"}, {Method: "GET", Path: "/p", Query: "page=1"}},
		},
		{
			name: "body parameter and header parameter per page",
			params: `{"method": "POST", "url": "BASE/search", "sendBody": true, "bodyParameters": {"parameters": [{"name": "q", "value": "x"}]},
				"options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "body", "name": "offset", "value": "={{ $pageCount * 10 }}"},
						{"type": "headers", "name": "x-page", "value": "={{ $pageCount }}"}]},
					"limitPagesFetched": true, "maxRequests": 2}}}}`,
			replies: []reply{{Body: `{"p": 1}`}, {Body: `{"p": 2}`}},
			want:    `[{"json": {"p": 1}, "pairedItem": {"item": 0}}, {"json": {"p": 2}, "pairedItem": {"item": 0}}]`,
			reqs: []caseReq{
				{Method: "POST", Path: "/search", Body: `{"offset":0,"q":"x"}`, Headers: map[string]string{"x-page": "0"}},
				{Method: "POST", Path: "/search", Body: `{"offset":10,"q":"x"}`, Headers: map[string]string{"x-page": "1"}},
			},
		},
		{
			name: "identical responses stop after five",
			params: `{"url": "BASE/same", "options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": "={{ $pageCount }}"}]}}}}}`,
			replies: []reply{{Body: `[{"same": true}]`}},
			err: &errWant{Name: "NodeOperationError", Message: "The returned response was identical 5x, so requests got stopped",
				Description: `Check if "Pagination Completed When" has been configured correctly.`},
		},
		{
			name: "a failing page while more are wanted is an error",
			params: `{"url": "BASE/p", "options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": "={{ $pageCount }}"}]},
					"paginationCompleteWhen": "other", "completeExpression": "={{ $response.body.done }}"}}}}`,
			replies: []reply{{Body: `{"done": false}`}, {Status: 500, Body: `{"message": "down"}`}},
			err: &errWant{Name: "NodeApiError", Message: "The service was not able to process your request",
				Description: "down", HTTPCode: "500"},
		},
		{
			name: "a failing page with continueOnFail",
			params: `{"url": "BASE/p", "options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": "={{ $pageCount }}"}]},
					"paginationCompleteWhen": "other", "completeExpression": "={{ $response.body.done }}"}}}}`,
			cont:    true,
			version: 4.4,
			replies: []reply{{Status: 500, Body: `{"message":"down"}`}},
			want: `[{"json": {"error": {"statusCode": 500, "error": "{\"message\":\"down\"}", "isAxiosError": true,
				"response": {"headers": {"content-type": "application/json", "content-length": "18"}, "status": 500, "statusText": "Internal Server Error"}}},
				"pairedItem": {"item": 0}}]`,
		},
		{
			name: "pagination settings are checked",
			params: `{"url": "BASE/p", "options": {"pagination": {"pagination": {"paginationMode": "updateAParameterInEachRequest",
					"parameters": {"parameters": [{"type": "qs", "name": "page", "value": ""}]}}}}}`,
			err: &errWant{Name: "NodeOperationError", Message: "Some value must be provided for parameter [1] in pagination settings, omitting it will result in an infinite loop"},
		},
	})
}
