//! The OfficeGuy API model: enums with names and codes, the response envelope, trigger types.

pub mod currency;
pub mod enums;
pub mod envelope;
pub mod trigger_type;

pub use enums::{DocumentKind, EnumTable, Member};
pub use envelope::{parse_envelope, ResponseStatus};
pub use trigger_type::TriggerType;

/// Where requests go unless the connection names another base.
pub const DEFAULT_BASE_URL: &str = "https://api.sumit.co.il";

/// Most properties (columns) on one card: what the trigger engine reads from one delivery
/// and what createCard/updateCard send. Shared so that a card written can also be read.
pub const MAX_CARD_PROPERTIES: usize = 2_000;
