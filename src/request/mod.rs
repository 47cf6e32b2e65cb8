//! Action params to exact OfficeGuy requests, and answers back to `Data`.
