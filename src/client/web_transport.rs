//! The wasm transport: `fetch` through gloo-net, aborted by `AbortSignal.timeout`, and
//! waits on `setTimeout`. The only part of the core that knows about JS (DESIGN.md
//! allows it for the client). gloo-net binds the global `fetch`, and `setTimeout` is
//! taken from the global object, so the same code runs in browsers and in Node 20.

use super::call::Client;
use super::request::HttpRequest;
use super::transport::{HttpResponse, Sleeper, Transport, TransportError, TransportErrorKind};
use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The client as the wasm package uses it.
pub type WebClient = Client<FetchTransport, TimerSleeper>;

#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

#[derive(Debug, Clone, Copy, Default)]
pub struct TimerSleeper;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: f64) -> JsValue;
}

impl Transport for FetchTransport {
    async fn send(&self, request: &HttpRequest, timeout_ms: u32) -> Result<HttpResponse, TransportError> {
        let signal = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
        let mut builder = RequestBuilder::new(&request.url)
            .method(if request.method == "GET" { Method::GET } else { Method::POST })
            .abort_signal(Some(&signal));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        // fetch refuses any body, even an empty one, on GET
        let built = if request.body.is_empty() { builder.build() } else { builder.body(request.body.as_str()) };
        let sent = built.map_err(|e| network(&e))?;
        let response = sent.send().await.map_err(|e| classify(&e))?;
        let status = response.status();
        let retry_after_ms = response
            .headers()
            .get("retry-after")
            .and_then(|s| s.trim().parse::<u32>().ok())
            .map(|secs| secs.saturating_mul(1000));
        // the body can fail too (reset mid-answer, or the time limit hits while reading)
        let body = response.text().await.map_err(|e| classify(&e))?;
        Ok(HttpResponse { status, body, retry_after_ms })
    }
}

fn classify(e: &gloo_net::Error) -> TransportError {
    match e {
        gloo_net::Error::JsError(js) if js.name == "TimeoutError" || js.name == "AbortError" => {
            TransportError { kind: TransportErrorKind::Timeout, message: js.message.clone() }
        }
        _ => network(e),
    }
}

fn network(e: &gloo_net::Error) -> TransportError {
    // fetch's own messages ("fetch failed", "Failed to fetch") name no body; Node puts the
    // real reason in `cause`, which gloo-net does not keep
    TransportError { kind: TransportErrorKind::Network, message: e.to_string() }
}

impl Sleeper for TimerSleeper {
    /// Waits between half and all of `ms` ("equal jitter"), so that many clients hit by
    /// the same outage do not retry in step.
    async fn sleep(&self, ms: u32) {
        let ms = f64::from(ms) * (0.5 + js_sys::Math::random() / 2.0);
        let wait = js_sys::Promise::new(&mut |resolve, _reject| {
            set_timeout(&resolve, ms.floor());
        });
        let _ = JsFuture::from(wait).await;
    }
}
