//! The Make custom app, generated from the catalogue.
