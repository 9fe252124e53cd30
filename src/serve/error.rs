//! HTTP errors of the SPARQL endpoint: a status code and a readable one-paragraph message.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answered to an HTTP client as `text/plain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The message sent as the body.
    pub message: String,
}

impl ApiError {
    /// An error with any status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: malformed request or SPARQL syntax error.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 403: an update sent to a read-only endpoint.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    /// 406: no acceptable response format; lists what is offered.
    pub fn not_acceptable(kind: &str, offered: &[&str]) -> Self {
        Self::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "none of the media types in the Accept header can serialise {kind}; offered: {}",
                offered.join(", ")
            ),
        )
    }

    /// 413: the request (body or query string) is larger than the configured limit.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request larger than the limit of {limit} bytes (--max-body-bytes)"),
        )
    }

    /// 415: an unsupported request `Content-Type`.
    pub fn unsupported_media_type(got: &str) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "unsupported Content-Type {got:?}; use application/x-www-form-urlencoded, \
                 application/sparql-query or application/sparql-update"
            ),
        )
    }

    /// 503: the query ran past the time limit and was cancelled.
    pub fn timeout(secs: f64) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "query cancelled: it ran longer than the time limit of {secs} s (--timeout-secs); \
                 narrow it or add a LIMIT"
            ),
        )
    }

    /// 500: the result has more rows or triples than allowed.
    pub fn result_too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "result too large: more than {limit} rows or triples (--max-results); \
                 add a LIMIT or ask the operator to raise --max-results"
            ),
        )
    }

    /// 500: an unexpected failure while evaluating or serialising.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            eprintln!("serve: {} {}", self.status.as_u16(), self.message);
        }
        (
            self.status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}\n", self.message),
        )
            .into_response()
    }
}
