//! Exports for the client concern; see the matching module of the core.
