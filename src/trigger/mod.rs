//! Trigger engine: OfficeGuy (SUMIT) card events, normalised, matched and de-duplicated
//! exactly once, and changes found by polling a folder.
//!
//! - `normalize`: a webhook delivery in any shape seen in practice → [`Event`]
//!   (`body` decodes JSON, forms with `json=` and pre-parsed bodies; `fields` is the
//!   mapped form; `entity` reads cards from `listentities` / `getentity`).
//! - `matcher`: subscriptions, kinds, de-duplication (its module docs state what can
//!   be known without timestamps and the rules that follow); `memory` bounds it;
//!   `state` saves it; `hash` is the content hash; `filter` is SUMIT's `Filter`.
//! - `digest`: the hot path, a streaming pass over a body (or an entity's text) that
//!   yields the id, type and content hash without building values; it answers only
//!   for the plain shape and leaves everything else to the full path.
//! - `diff`: polling, a listing against the previous one.
//! - `safe_json`: ids and big integers reach JS exactly (number when safe, else text).
//! - `limits`: every bound, in one place.

pub mod batch;
pub mod body;
pub mod codec;
pub mod date;
pub mod diff;
pub mod digest;
pub mod entity;
pub mod fields;
pub mod filter;
pub mod hash;
pub mod id;
pub mod limits;
pub mod matcher;
pub mod memory;
pub mod normalize;
pub mod safe_json;
pub mod state;
pub mod subscription;

pub use diff::{diff_listing, DiffEvent, DiffKind, DiffOptions, DiffResult};
pub use entity::normalize_entity;
pub use matcher::{Fired, Matcher};
pub use normalize::{event_from_value, normalize_webhook, Body, Card, Event};
pub use subscription::{parse_subscriptions, Kind, Subscription};
