// The BaRS HTTP error-code CodeSystem. The IG and API use it in OperationOutcome.issue.details but do
// not publish it; this is rebuilt from every page and example that uses a code (spec/core-rules.md §15).
// Each code carries the HTTP status it goes with, so the outcome layer reads statuses from here.

CodeSystem: HttpErrorCodes
Id: http-error-codes
Title: "BaRS HTTP Error Codes"
Description: "Error codes returned in BaRS OperationOutcomes. The prefix says where the fault lies: SEND_ the sender broke the API contract, PROXY_ or no prefix the BaRS proxy, REC_ the receiver. Receivers emit only REC_ codes."
* ^name = "HttpErrorCodes"
* ^version = "1.0.0"
* ^status = #active
* ^caseSensitive = true
* ^content = #complete
* ^property[0].code = #httpStatus
* ^property[0].description = "HTTP status code returned with this error code"
* ^property[0].type = #integer
* ^property[1].code = #status
* ^property[1].uri = "http://hl7.org/fhir/concept-properties#status"
* ^property[1].description = "Set to deprecated for codes that must not be emitted"
* ^property[1].type = #code
// Sender faults (raised by the proxy before the message reaches the receiver)
* #SEND_BAD_REQUEST "400 - SEND_BAD_REQUEST" "Headers or parameters missing or invalid, or content invalid against the specification, detected before delivery."
* #SEND_BAD_REQUEST ^property[0].code = #httpStatus
* #SEND_BAD_REQUEST ^property[0].valueInteger = 400
* #SEND_UNAUTHORIZED "401 - SEND_UNAUTHORIZED" "Access token missing, invalid or expired."
* #SEND_UNAUTHORIZED ^property[0].code = #httpStatus
* #SEND_UNAUTHORIZED ^property[0].valueInteger = 401
* #SEND_FORBIDDEN "403 - SEND_FORBIDDEN" "Token valid but the application is not enabled for BaRS."
* #SEND_FORBIDDEN ^property[0].code = #httpStatus
* #SEND_FORBIDDEN ^property[0].valueInteger = 403
* #SEND_METHOD_NOT_ALLOWED "405 - SEND_METHOD_NOT_ALLOWED" "HTTP verb not allowed on this path."
* #SEND_METHOD_NOT_ALLOWED ^property[0].code = #httpStatus
* #SEND_METHOD_NOT_ALLOWED ^property[0].valueInteger = 405
* #SEND_NOT_ACCEPTABLE "406 - SEND_NOT_ACCEPTABLE" "Accept header or requested version not acceptable."
* #SEND_NOT_ACCEPTABLE ^property[0].code = #httpStatus
* #SEND_NOT_ACCEPTABLE ^property[0].valueInteger = 406
* #SEND_CONFLICT "409 - SEND_CONFLICT" "Conflict detected on the sending side (listed by the API, no scenario published)."
* #SEND_CONFLICT ^property[0].code = #httpStatus
* #SEND_CONFLICT ^property[0].valueInteger = 409
* #SEND_UNPROCESSABLE_ENTITY "422 - SEND_UNPROCESSABLE_ENTITY" "Request understood but not processable (listed by the API, no scenario published)."
* #SEND_UNPROCESSABLE_ENTITY ^property[0].code = #httpStatus
* #SEND_UNPROCESSABLE_ENTITY ^property[0].valueInteger = 422
* #SEND_TOO_MANY_REQUESTS "429 - SEND_TOO_MANY_REQUESTS" "Sender exceeded its rate limit."
* #SEND_TOO_MANY_REQUESTS ^property[0].code = #httpStatus
* #SEND_TOO_MANY_REQUESTS ^property[0].valueInteger = 429
* #SEND_NOT_IMPLEMENTED "501 - SEND_NOT_IMPLEMENTED" "Request not recognised by the API."
* #SEND_NOT_IMPLEMENTED ^property[0].code = #httpStatus
* #SEND_NOT_IMPLEMENTED ^property[0].valueInteger = 501
// Proxy faults (the PROXY_ prefix is being retired in favour of the unprefixed codes)
* #PROXY_BAD_REQUEST "400 - PROXY_BAD_REQUEST" "Bad request or correlation id, or an NHSD-Target-Identifier that fails decoding or schema checks."
* #PROXY_BAD_REQUEST ^property[0].code = #httpStatus
* #PROXY_BAD_REQUEST ^property[0].valueInteger = 400
* #BAD_REQUEST "400 - BAD_REQUEST" "Unprefixed form of PROXY_BAD_REQUEST."
* #BAD_REQUEST ^property[0].code = #httpStatus
* #BAD_REQUEST ^property[0].valueInteger = 400
* #PROXY_NOT_FOUND "404 - PROXY_NOT_FOUND" "Unknown API path, target missing from the Endpoint Catalogue, or more than one endpoint matched."
* #PROXY_NOT_FOUND ^property[0].code = #httpStatus
* #PROXY_NOT_FOUND ^property[0].valueInteger = 404
* #NOT_FOUND "404 - NOT_FOUND" "Unprefixed form of PROXY_NOT_FOUND."
* #NOT_FOUND ^property[0].code = #httpStatus
* #NOT_FOUND ^property[0].valueInteger = 404
* #PROXY_METHOD_NOT_ALLOWED "405 - PROXY_METHOD_NOT_ALLOWED" "HTTP verb refused by the proxy."
* #PROXY_METHOD_NOT_ALLOWED ^property[0].code = #httpStatus
* #PROXY_METHOD_NOT_ALLOWED ^property[0].valueInteger = 405
* #PROXY_CONFLICT "409 - PROXY_CONFLICT" "Conflict inside the proxy (listed by the API, no scenario published)."
* #PROXY_CONFLICT ^property[0].code = #httpStatus
* #PROXY_CONFLICT ^property[0].valueInteger = 409
* #PROXY_UNPROCESSABLE_ENTITY "422 - PROXY_UNPROCESSABLE_ENTITY" "Proxy understood the request but could not process it (listed by the API, no scenario published)."
* #PROXY_UNPROCESSABLE_ENTITY ^property[0].code = #httpStatus
* #PROXY_UNPROCESSABLE_ENTITY ^property[0].valueInteger = 422
* #PROXY_TOO_MANY_REQUESTS "429 - PROXY_TOO_MANY_REQUESTS" "Proxy rate limiting."
* #PROXY_TOO_MANY_REQUESTS ^property[0].code = #httpStatus
* #PROXY_TOO_MANY_REQUESTS ^property[0].valueInteger = 429
* #TOO_MANY_REQUESTS "429 - TOO_MANY_REQUESTS" "Unprefixed form of PROXY_TOO_MANY_REQUESTS."
* #TOO_MANY_REQUESTS ^property[0].code = #httpStatus
* #TOO_MANY_REQUESTS ^property[0].valueInteger = 429
* #PROXY_TIMEOUT "504 - PROXY_TIMEOUT" "The proxy timed out waiting for the receiver."
* #PROXY_TIMEOUT ^property[0].code = #httpStatus
* #PROXY_TIMEOUT ^property[0].valueInteger = 504
* #TIMEOUT "504 - TIMEOUT" "Unprefixed form of PROXY_TIMEOUT."
* #TIMEOUT ^property[0].code = #httpStatus
* #TIMEOUT ^property[0].valueInteger = 504
* #PROXY_SERVER_ERROR "500 - PROXY_SERVER_ERROR" "Unhandled error inside the proxy."
* #PROXY_SERVER_ERROR ^property[0].code = #httpStatus
* #PROXY_SERVER_ERROR ^property[0].valueInteger = 500
* #SERVER_ERROR "500 - SERVER_ERROR" "Unprefixed form of PROXY_SERVER_ERROR."
* #SERVER_ERROR ^property[0].code = #httpStatus
* #SERVER_ERROR ^property[0].valueInteger = 500
* #PROXY_NOT_IMPLEMENTED "501 - PROXY_NOT_IMPLEMENTED" "Request not recognised by the proxy."
* #PROXY_NOT_IMPLEMENTED ^property[0].code = #httpStatus
* #PROXY_NOT_IMPLEMENTED ^property[0].valueInteger = 501
* #PROXY_UNAVAILABLE "503 - PROXY_UNAVAILABLE" "A service the proxy depends on is down."
* #PROXY_UNAVAILABLE ^property[0].code = #httpStatus
* #PROXY_UNAVAILABLE ^property[0].valueInteger = 503
* #SERVICE_UNAVAILABLE "503 - SERVICE_UNAVAILABLE" "Unprefixed form of PROXY_UNAVAILABLE."
* #SERVICE_UNAVAILABLE ^property[0].code = #httpStatus
* #SERVICE_UNAVAILABLE ^property[0].valueInteger = 503
* #UNAVAILABLE "503 - UNAVAILABLE" "Short unprefixed form of PROXY_UNAVAILABLE."
* #UNAVAILABLE ^property[0].code = #httpStatus
* #UNAVAILABLE ^property[0].valueInteger = 503
// Receiver faults: the only codes a receiver (and so this toolkit) emits
* #REC_BAD_REQUEST "400 - REC_BAD_REQUEST" "Headers missing or invalid, payload or workflow validation failed, or a BaRS feature this receiver does not support was used."
* #REC_BAD_REQUEST ^property[0].code = #httpStatus
* #REC_BAD_REQUEST ^property[0].valueInteger = 400
* #REC_UNAUTHORIZED "401 - REC_UNAUTHORIZED" "Receiver access control rejected the NHSD-* headers."
* #REC_UNAUTHORIZED ^property[0].code = #httpStatus
* #REC_UNAUTHORIZED ^property[0].valueInteger = 401
* #REC_FORBIDDEN "403 - REC_FORBIDDEN" "Mutual TLS failed at the receiver."
* #REC_FORBIDDEN ^property[0].code = #httpStatus
* #REC_FORBIDDEN ^property[0].valueInteger = 403
* #REC_NOT_FOUND "404 - REC_NOT_FOUND" "Resource, context or message referred to (e.g. a response identifier) is not known."
* #REC_NOT_FOUND ^property[0].code = #httpStatus
* #REC_NOT_FOUND ^property[0].valueInteger = 404
* #REC_METHOD_NOT_ALLOWED "405 - REC_METHOD_NOT_ALLOWED" "Receiver does not allow this HTTP verb."
* #REC_METHOD_NOT_ALLOWED ^property[0].code = #httpStatus
* #REC_METHOD_NOT_ALLOWED ^property[0].valueInteger = 405
* #REC_NOT_ACCEPTABLE "406 - REC_NOT_ACCEPTABLE" "Accept header or major version does not match what the receiver serves."
* #REC_NOT_ACCEPTABLE ^property[0].code = #httpStatus
* #REC_NOT_ACCEPTABLE ^property[0].valueInteger = 406
* #REC_TIMEOUT "408 - REC_TIMEOUT" "Receiver did not answer in time (Core 1.5.0 status; 1.0.7 printed 409 by mistake)."
* #REC_TIMEOUT ^property[0].code = #httpStatus
* #REC_TIMEOUT ^property[0].valueInteger = 408
* #REC_CONFLICT "409 - REC_CONFLICT" "Duplicate message (issue code duplicate) or a state conflict such as a slot no longer free (issue code conflict)."
* #REC_CONFLICT ^property[0].code = #httpStatus
* #REC_CONFLICT ^property[0].valueInteger = 409
* #REC_UNPROCESSABLE_ENTITY "422 - REC_UNPROCESSABLE_ENTITY" "Valid but not processable here: unsupported Application version, use case or MessageDefinition, or a search that is too wide."
* #REC_UNPROCESSABLE_ENTITY ^property[0].code = #httpStatus
* #REC_UNPROCESSABLE_ENTITY ^property[0].valueInteger = 422
* #REC_TOO_EARLY "425 - REC_TOO_EARLY" "A retry arrived while the original request was still being processed."
* #REC_TOO_EARLY ^property[0].code = #httpStatus
* #REC_TOO_EARLY ^property[0].valueInteger = 425
* #REC_TOO_MANY_REQUESTS "429 - REC_TOO_MANY_REQUESTS" "Receiver throttling."
* #REC_TOO_MANY_REQUESTS ^property[0].code = #httpStatus
* #REC_TOO_MANY_REQUESTS ^property[0].valueInteger = 429
* #REC_SERVER_ERROR "500 - REC_SERVER_ERROR" "Unhandled receiver error or storage problem."
* #REC_SERVER_ERROR ^property[0].code = #httpStatus
* #REC_SERVER_ERROR ^property[0].valueInteger = 500
* #REC_NOT_IMPLEMENTED "501 - REC_NOT_IMPLEMENTED" "Endpoint or function not implemented by the receiver."
* #REC_NOT_IMPLEMENTED ^property[0].code = #httpStatus
* #REC_NOT_IMPLEMENTED ^property[0].valueInteger = 501
* #REC_SERVICE_UNAVAILABLE "503 - REC_SERVICE_UNAVAILABLE" "Receiver unavailable or unreachable."
* #REC_SERVICE_UNAVAILABLE ^property[0].code = #httpStatus
* #REC_SERVICE_UNAVAILABLE ^property[0].valueInteger = 503
* #REC_UNAVAILABLE "503 - REC_UNAVAILABLE" "Alternative spelling of REC_SERVICE_UNAVAILABLE seen in the API."
* #REC_UNAVAILABLE ^property[0].code = #httpStatus
* #REC_UNAVAILABLE ^property[0].valueInteger = 503
* #REC_NOT_SUPPORTED "406 - REC_NOT_SUPPORTED" "Appears only in content-negotiation pseudo code and in no table; do not emit."
* #REC_NOT_SUPPORTED ^property[0].code = #httpStatus
* #REC_NOT_SUPPORTED ^property[0].valueInteger = 406
* #REC_NOT_SUPPORTED ^property[1].code = #status
* #REC_NOT_SUPPORTED ^property[1].valueCode = #deprecated
