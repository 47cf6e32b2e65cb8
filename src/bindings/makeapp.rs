//! Exports for the makeapp concern; see the matching module of the core.
