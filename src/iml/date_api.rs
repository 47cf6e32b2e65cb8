//! The date engine the IML functions call: `date` (the date engineer's module: IANA
//! zones, moment.js tokens) once it is merged, `date_fallback` (UTC and fixed offsets
//! only) until then. One line to switch.

pub use super::date_fallback::*;
