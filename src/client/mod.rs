//! The OfficeGuy client: the call policy (retries, time limits, paging) over a
//! transport.
//!
//! The policy is pure Rust and runs natively in tests: `Client<T, S>` takes a
//! [`Transport`] that sends one request and a [`Sleeper`] that waits. In wasm the
//! transport is `fetch` through gloo-net and the sleeper is `setTimeout`
//! (`web_transport`, the one part of the core that knows about JS).
//!
//! Decisions:
//! - Only reads (`request::safe_to_retry`) are repeated, on a network error, a time-out,
//!   HTTP 403, 429 or 5xx, or `Status` 2; waits double from 500 ms (at most 8 s, or the
//!   server's `Retry-After` up to that), 4 attempts in all. Creates, sends and
//!   subscriptions go once, because SUMIT has no idempotency key; a failure that may have
//!   been applied says so in its message.
//! - Each attempt is aborted after 45 s (SUMIT answers within 40 s).
//! - Reads return the useful part of `Data` (`Folders`, `Views`, `Entity`); `getFolder`,
//!   `execute` and the trigger calls return `Data` unchanged. `listEntities` returns
//!   `{entities, pages, hasNextPage, nextStartIndex}`; with `all: true` it follows
//!   `HasNextPage` up to `maxPages` (default 100).

mod call;
mod policy;
mod reads;
mod transport;
#[cfg(target_arch = "wasm32")]
mod web_transport;

use crate::request;

pub use call::Client;
pub use policy::{retryable_api_status, retryable_http_status, RetryPolicy};
pub use reads::{Operation, DEFAULT_MAX_PAGES, MAX_PAGES_LIMIT};
pub use request::{Connection, HttpRequest};
pub use transport::{HttpResponse, Sleeper, Transport, TransportError, TransportErrorKind};
#[cfg(target_arch = "wasm32")]
pub use web_transport::{FetchTransport, TimerSleeper, WebClient};
