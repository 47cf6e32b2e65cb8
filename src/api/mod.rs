//! The OfficeGuy API model: enums with names and codes, endpoints, the response envelope.

pub mod trigger_type;

pub use trigger_type::TriggerType;
