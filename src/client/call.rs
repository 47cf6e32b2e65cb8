//! One action, sent until it succeeds, fails for good, or may not be repeated.

use super::policy::{retryable_api_status, retryable_http_status, RetryPolicy};
use super::request::{build_request, parse_response, safe_to_retry, Connection, HttpRequest};
use super::transport::{HttpResponse, Sleeper, Transport, TransportError, TransportErrorKind};
use crate::error::{Error, Result};
use serde_json::Value;

/// The OfficeGuy client: builds each request with `request::build_request`, sends it
/// through `T`, waits through `S`, and parses the answer with `request::parse_response`.
#[derive(Clone)]
pub struct Client<T, S> {
    connection: Connection,
    transport: T,
    sleeper: S,
    policy: RetryPolicy,
}

/// What one attempt ended with, when it did not succeed.
struct Failure {
    error: Error,
    /// Whether the same request may succeed later (a read may then be repeated).
    transient: bool,
    retry_after_ms: Option<u32>,
}

impl<T: Transport, S: Sleeper> Client<T, S> {
    pub fn new(connection: Connection, transport: T, sleeper: S) -> Self {
        Client { connection, transport, sleeper, policy: RetryPolicy::default() }
    }

    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Runs `action` with `params` and returns the answer's `Data`.
    ///
    /// Reads (`request::safe_to_retry`) are sent again after a network error, a time-out,
    /// HTTP 403, 429 or 5xx, or `Status` 2, up to `max_attempts` in all, waiting as the
    /// policy says. Anything else is sent exactly once: SUMIT has no idempotency key, so
    /// a repeated create could make a second invoice, card or SMS.
    pub async fn execute(&self, action: &str, params: &Value) -> Result<Value> {
        self.send(action, params).await.map_err(|e| e.redacted(&self.connection.api_key))
    }

    async fn send(&self, action: &str, params: &Value) -> Result<Value> {
        let request = build_request(action, params, &self.connection)?;
        let repeatable = safe_to_retry(action);
        let mut attempt = 1;
        loop {
            let failure = match self.attempt(action, &request).await {
                Ok(data) => return Ok(data),
                Err(failure) => failure,
            };
            if !failure.transient {
                return Err(failure.error);
            }
            if !repeatable {
                return Err(not_repeated(failure.error, action));
            }
            if attempt >= self.policy.max_attempts {
                return Err(gave_up(failure.error, attempt));
            }
            self.sleeper.sleep(self.policy.wait(attempt, failure.retry_after_ms)).await;
            attempt += 1;
        }
    }

    async fn attempt(&self, action: &str, request: &HttpRequest) -> Result<Value, Failure> {
        let response = self
            .transport
            .send(request, self.policy.timeout_ms)
            .await
            .map_err(|e| Failure { error: transport_error(e, self.policy.timeout_ms), transient: true, retry_after_ms: None })?;
        let HttpResponse { status, body, retry_after_ms } = response;
        parse_response(action, status, &body).map_err(|error| {
            let transient = retryable_http_status(status) || retryable_api_status(error.status);
            Failure { error, transient, retry_after_ms }
        })
    }
}

fn transport_error(e: TransportError, timeout_ms: u32) -> Error {
    match e.kind {
        TransportErrorKind::Timeout => {
            Error::new("timeout", format!("OfficeGuy did not answer within {timeout_ms} ms; the request was aborted"))
        }
        TransportErrorKind::Network => {
            Error::new("network_error", format!("could not reach OfficeGuy: {}", e.message))
        }
    }
}

fn not_repeated(mut e: Error, action: &str) -> Error {
    // no answer, a server error or SUMIT's own technical error: the call may have got far
    // enough to create something; a 403 or 429 was turned away at the door
    let maybe_applied = matches!(e.code.as_str(), "timeout" | "network_error")
        || e.http_status.is_some_and(|s| s >= 500)
        || retryable_api_status(e.status);
    e.message = if maybe_applied {
        format!(
            "{} (not repeated: {action} is not safe to repeat, since OfficeGuy has no idempotency key; \
             it may or may not have been applied, so check before sending it again)",
            e.message
        )
    } else {
        format!("{} (not repeated: {action} is not safe to repeat)", e.message)
    };
    e
}

fn gave_up(mut e: Error, attempts: u32) -> Error {
    e.message = format!("{} (gave up after {attempts} attempts)", e.message);
    e
}
