//! What the call policy needs from the outside world: a way to send one request and a
//! way to wait. Both are traits so that the policy runs natively in tests (a scripted
//! transport, a sleeper that only records) and over `fetch` and `setTimeout` in wasm.

use super::request::HttpRequest;

/// An answer of any HTTP status; only failing to get one is a `TransportError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    /// `Retry-After` in milliseconds, when the server sent one in seconds.
    pub retry_after_ms: Option<u32>,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse { status, body: body.into(), retry_after_ms: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// No answer: refused connection, DNS, reset, CORS.
    Network,
    /// No answer within the client's time limit; the request was aborted.
    Timeout,
}

/// Why no HTTP answer came. The message comes from the platform and never holds the
/// request body (where the API key is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    pub kind: TransportErrorKind,
    pub message: String,
}

/// Sends one request, with no retry of its own, and gives up after `timeout_ms`.
// The futures are not `Send`: in wasm they hold JS values, and the client never leaves
// its thread.
#[allow(async_fn_in_trait)]
pub trait Transport {
    async fn send(&self, request: &HttpRequest, timeout_ms: u32) -> Result<HttpResponse, TransportError>;
}

/// Waits between attempts.
#[allow(async_fn_in_trait)]
pub trait Sleeper {
    async fn sleep(&self, ms: u32);
}
