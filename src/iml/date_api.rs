//! The date engine the IML functions call: the date module (`src/iml/date/`: IANA zones,
//! moment.js tokens), behind one name so that the functions do not depend on its layout.

pub use super::date::*;
