//! Make scenario blueprints from a mapping.
