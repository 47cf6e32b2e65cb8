//! Exports for the iml concern; see the matching module of the core.
