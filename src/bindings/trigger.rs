//! Exports for the trigger engine (`src/trigger/`). JSON text in and out, as elsewhere;
//! the matcher is a wasm object (`TriggerMatcherCore`) that `pkg/lib/trigger.js` wraps.
//! Fired subscriptions come back as a `Uint32Array` of codes (`subscription * 4 + kind`,
//! kinds 0 create, 1 update, 2 archive, 3 delete) so that the common answer, nothing or
//! one subscription, costs no JSON at all.

use super::{arg, fail, reply};
use crate::error::Error;
use crate::trigger::normalize::normalize_webhook_json;
use crate::trigger::{
    diff_listing, normalize_entity, parse_subscriptions, Body, DiffOptions, Fired,
    Kind, Matcher,
};
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// `normalizeWebhook` for a body received as bytes or text.
#[wasm_bindgen(js_name = "normalizeWebhookRaw")]
pub fn normalize_webhook_raw(content_type: Option<String>, body: &[u8]) -> Result<String, JsValue> {
    normalize_webhook_json(Body::Raw { content_type: content_type.as_deref(), bytes: body }).map_err(fail)
}

/// `normalizeWebhook` for a body received as text (no copy into a byte array in JS).
#[wasm_bindgen(js_name = "normalizeWebhookText")]
pub fn normalize_webhook_text(content_type: Option<String>, body: &str) -> Result<String, JsValue> {
    normalize_webhook_json(Body::Raw { content_type: content_type.as_deref(), bytes: body.as_bytes() }).map_err(fail)
}

/// `normalizeWebhook` for a body the receiver already parsed (sent as its JSON text).
#[wasm_bindgen(js_name = "normalizeWebhookParsed")]
pub fn normalize_webhook_parsed(body_json: &str) -> Result<String, JsValue> {
    let value: Value = arg("body", body_json)?;
    normalize_webhook_json(Body::Parsed(value)).map_err(fail)
}

#[wasm_bindgen(js_name = "normalizeEntity")]
pub fn normalize_entity_export(entity_json: &str) -> Result<String, JsValue> {
    let value: Value = arg("entity", entity_json)?;
    reply(normalize_entity(&value, &crate::error::Path::root()))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct DiffOptionsArg {
    emit_existing: bool,
}

#[wasm_bindgen(js_name = "diffListing")]
pub fn diff_listing_export(state: Option<String>, entities_json: &str, options_json: &str) -> Result<String, JsValue> {
    let entities: Value = arg("entities", entities_json)?;
    let options: Option<DiffOptionsArg> = arg("options", options_json)?;
    let options = options.unwrap_or_default();
    reply(diff_listing(state.as_deref(), &entities, DiffOptions { emit_existing: options.emit_existing }))
}

/// `diffListing` over entities as JSON texts joined by NUL; `null` when one of them
/// needs the general path (the shim then calls `diffListing`).
#[wasm_bindgen(js_name = "diffListingTexts")]
pub fn diff_listing_texts_export(state: Option<String>, joined: &str, options_json: &str) -> Result<String, JsValue> {
    let options: Option<DiffOptionsArg> = arg("options", options_json)?;
    let options = DiffOptions { emit_existing: options.unwrap_or_default().emit_existing };
    let texts = joined.split('\0').filter(|t| !t.is_empty());
    reply(crate::trigger::diff::diff_listing_texts(state.as_deref(), texts, options))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct MatcherOptionsArg {
    max_cards: Option<usize>,
}

#[wasm_bindgen]
pub struct TriggerMatcherCore {
    matcher: Matcher,
    errors: Vec<Value>,
    fired: Vec<u32>,
}

fn code(f: &Fired) -> u32 {
    let k = match f.kind {
        Kind::Create => 0,
        Kind::Update => 1,
        Kind::Archive => 2,
        Kind::Delete => 3,
    };
    (f.subscription as u32) << 2 | k
}

#[wasm_bindgen]
impl TriggerMatcherCore {
    #[wasm_bindgen(constructor)]
    pub fn new(subscriptions_json: &str, state: Option<String>, options_json: &str) -> Result<TriggerMatcherCore, JsValue> {
        let subs: Value = arg("subscriptions", subscriptions_json)?;
        let options: Option<MatcherOptionsArg> = arg("options", options_json)?;
        let subscriptions = parse_subscriptions(&subs).map_err(fail)?;
        let max_cards = options.unwrap_or_default().max_cards;
        let matcher = Matcher::new(subscriptions, state.as_deref(), max_cards).map_err(fail)?;
        Ok(TriggerMatcherCore { matcher, errors: Vec::new(), fired: Vec::new() })
    }

    /// The subscription ids, in the order that the codes index.
    #[wasm_bindgen(js_name = "subscriptionIds")]
    pub fn subscription_ids(&self) -> Result<String, JsValue> {
        reply(Ok(self.matcher.subscriptions().iter().map(|s| s.id.as_str()).collect::<Vec<_>>()))
    }

    fn only(&self, subscription_id: Option<String>) -> Result<Option<usize>, JsValue> {
        match subscription_id {
            None => Ok(None),
            Some(id) => self.matcher.subscription_index(&id).map(Some).ok_or_else(|| {
                fail(Error::at("subscriptionId", "unknown_subscription", format!("{id:?} is not one of this matcher's subscriptions")))
            }),
        }
    }

    /// One event (normalised or a SUMIT delivery object), as JSON text.
    pub fn accept(&mut self, event_json: &str, subscription_id: Option<String>) -> Result<Vec<u32>, JsValue> {
        let only = self.only(subscription_id)?;
        let value: Value = arg("event", event_json)?;
        let fired = self.matcher.accept_value(&value, only).map_err(fail)?;
        Ok(fired.iter().map(code).collect())
    }

    /// A JSON array of events: pairs `[index, code]` flattened; problems go to
    /// `takeErrors()` and cost nothing else.
    #[wasm_bindgen(js_name = "acceptEvents")]
    pub fn accept_events(&mut self, events_json: &str, subscription_id: Option<String>) -> Result<Vec<u32>, JsValue> {
        let only = self.only(subscription_id)?;
        let events = crate::trigger::batch::parse_events(events_json).map_err(fail)?;
        let mut out = Vec::new();
        for (i, e) in events.into_iter().enumerate() {
            match e.and_then(|e| self.matcher.accept_value(&e, only)) {
                Ok(fired) => fired.iter().for_each(|f| out.extend([i as u32, code(f)])),
                Err(err) => self.note(i, err),
            }
        }
        Ok(out)
    }

    /// Raw delivery bodies (JSON or `json=` forms) joined by NUL, which no valid body
    /// contains: one crossing for the whole batch. `count` is how many bodies the shim
    /// joined; if the text splits into another number (a body held a NUL), nothing is
    /// done and the answer is `[u32::MAX]` (odd length), so that the shim takes the
    /// per-item path and every answer keeps its index.
    #[wasm_bindgen(js_name = "acceptBodies")]
    pub fn accept_bodies(&mut self, joined: &str, count: u32, subscription_id: Option<String>) -> Result<Vec<u32>, JsValue> {
        let only = self.only(subscription_id)?;
        if count_nul(joined.as_bytes()) + 1 != count as usize {
            return Ok(vec![u32::MAX]);
        }
        let mut out = Vec::new();
        for (i, body) in joined.split('\0').enumerate() {
            match self.matcher.accept_text(body, only) {
                Ok(fired) => fired.iter().for_each(|f| out.extend([i as u32, code(f)])),
                Err(err) => self.note(i, err),
            }
        }
        Ok(out)
    }

    /// One delivery body as received (JSON or a `json=` form). The answer is a number,
    /// so that the usual case costs no array: 0 when nothing fires, `1 + code` when
    /// exactly one subscription fires, and `u32::MAX` when several do (then
    /// `takeFired()` gives their codes).
    #[wasm_bindgen(js_name = "acceptBody")]
    pub fn accept_body(&mut self, body: &str, subscription_id: Option<String>) -> Result<u32, JsValue> {
        let only = self.only(subscription_id)?;
        let fired = self.matcher.accept_text(body, only).map_err(fail)?;
        Ok(self.one_or_many(fired))
    }

    /// `acceptBody` for a body received as bytes.
    #[wasm_bindgen(js_name = "acceptBodyBytes")]
    pub fn accept_body_bytes(&mut self, body: &[u8], subscription_id: Option<String>) -> Result<u32, JsValue> {
        let only = self.only(subscription_id)?;
        let text = std::str::from_utf8(body)
            .map_err(|e| fail(Error::at("body", "invalid_encoding", format!("is not UTF-8 text ({e})"))))?;
        let fired = self.matcher.accept_text(text, only).map_err(fail)?;
        Ok(self.one_or_many(fired))
    }

    /// The codes of the last `acceptBody` that fired several subscriptions.
    #[wasm_bindgen(js_name = "takeFired")]
    pub fn take_fired(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.fired)
    }

    /// The problems of the last batch, as JSON `[{index, code, message, path}]`, and
    /// clears them.
    #[wasm_bindgen(js_name = "takeErrors")]
    pub fn take_errors(&mut self) -> String {
        let errors = std::mem::take(&mut self.errors);
        serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into())
    }

    #[wasm_bindgen(js_name = "saveState")]
    pub fn save_state(&self) -> String {
        self.matcher.save_state()
    }

    /// `[remembered, maxCards]`.
    pub fn size(&self) -> Vec<u32> {
        let (n, cap) = self.matcher.remembered();
        vec![n as u32, cap as u32]
    }
}

impl TriggerMatcherCore {
    fn one_or_many(&mut self, fired: Vec<Fired>) -> u32 {
        match fired.as_slice() {
            [] => 0,
            [one] => 1 + code(one),
            many => {
                self.fired = many.iter().map(code).collect();
                u32::MAX
            }
        }
    }

    fn note(&mut self, index: usize, e: Error) {
        self.errors.push(serde_json::json!({"index": index, "code": e.code, "message": e.message, "path": e.path}));
    }
}


/// NUL bytes in `bytes`, a word at a time (bodies are long and hold none).
fn count_nul(bytes: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if w.wrapping_sub(LO) & !w & HI != 0 {
            n += c.iter().filter(|b| **b == 0).count();
        }
    }
    n + chunks.remainder().iter().filter(|b| **b == 0).count()
}
