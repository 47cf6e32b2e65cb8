//! Exports for the trigger concern; see the matching module of the core.
