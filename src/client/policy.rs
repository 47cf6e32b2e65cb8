//! When to try a call again and how long to wait first. Pure data and arithmetic, so
//! that the schedule is the same in tests and in production.

use crate::error::{Error, Result};
use serde_json::Value;

/// The retry and time-limit settings of a client.
///
/// Defaults: 4 attempts in all (3 retries), waits of 500 ms, 1 s, 2 s before them
/// (doubling, at most 8 s each), and 45 s per attempt, since SUMIT documents answers
/// within 40 s. A read therefore gives up after at most about 3 min 4 s
/// (4 × 45 s + 3.5 s) in the worst case, and usually within a few seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 means never retry.
    pub max_attempts: u32,
    /// The wait before the first retry; each later wait doubles.
    pub base_delay_ms: u32,
    /// The longest single wait, also the cap on a server's `Retry-After`.
    pub max_delay_ms: u32,
    /// Each attempt is aborted after this long.
    pub timeout_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 4, base_delay_ms: 500, max_delay_ms: 8_000, timeout_ms: 45_000 }
    }
}

/// Bounds on what `from_options` accepts, so that no setting makes a call hang.
const MAX_ATTEMPTS: u32 = 10;
const MAX_DELAY_MS: u32 = 60_000;
const MIN_TIMEOUT_MS: u32 = 10;
const MAX_TIMEOUT_MS: u32 = 120_000;

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first retry): the base delay
    /// doubled for each earlier retry, capped. No jitter here; the wasm sleeper spreads
    /// the waits of many clients (see `web_transport`).
    pub fn delay_before_retry(&self, retry: u32) -> u32 {
        let doubled = u64::from(self.base_delay_ms) << retry.saturating_sub(1).min(31);
        doubled.min(u64::from(self.max_delay_ms)) as u32
    }

    /// The wait before a retry, given what the server asked for in `Retry-After`.
    pub fn wait(&self, retry: u32, retry_after_ms: Option<u32>) -> u32 {
        let own = self.delay_before_retry(retry);
        retry_after_ms.map_or(own, |asked| own.max(asked.min(self.max_delay_ms)))
    }

    /// The policy from the JS options object `{maxAttempts, baseDelayMs, maxDelayMs,
    /// timeoutMs}`; each is optional, and every problem is reported with its path.
    pub fn from_options(options: &Value) -> Result<RetryPolicy> {
        let mut policy = RetryPolicy::default();
        let map = match options {
            Value::Null => return Ok(policy),
            Value::Object(map) => map,
            _ => return Err(Error::at("options", "invalid_type", "must be an object")),
        };
        let mut issues = Vec::new();
        for (key, value) in map {
            let (slot, min, max) = match key.as_str() {
                "maxAttempts" => (&mut policy.max_attempts, 1, MAX_ATTEMPTS),
                "baseDelayMs" => (&mut policy.base_delay_ms, 0, MAX_DELAY_MS),
                "maxDelayMs" => (&mut policy.max_delay_ms, 0, MAX_DELAY_MS),
                "timeoutMs" => (&mut policy.timeout_ms, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS),
                _ => {
                    issues.push(crate::Issue::new(format!("options.{key}"), "unknown_field", "is not a client option"));
                    continue;
                }
            };
            match value.as_u64().filter(|n| (u64::from(min)..=u64::from(max)).contains(n)) {
                Some(n) => *slot = n as u32,
                None if value.is_null() => {}
                None => issues.push(crate::Issue::new(
                    format!("options.{key}"),
                    "out_of_range",
                    format!("must be a whole number from {min} to {max}"),
                )),
            }
        }
        if issues.is_empty() {
            Ok(policy)
        } else {
            Err(Error::invalid_params(issues))
        }
    }
}

/// HTTP answers worth another try for a read: SUMIT's empty 403 under bursts, rate
/// limiting, and server errors.
pub fn retryable_http_status(status: u16) -> bool {
    status == 403 || status == 429 || (500..=599).contains(&status)
}

/// `Status` 2 (TechnicalError) is SUMIT's own "try again"; 1 is a business refusal.
pub fn retryable_api_status(status: Option<i64>) -> bool {
    status == Some(2)
}
