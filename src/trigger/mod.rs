//! Trigger engine: normalise deliveries, match and de-duplicate, diff listings.
