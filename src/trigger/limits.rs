//! Every limit of the trigger engine, in one place, so that the errors and the docs
//! quote the same numbers.

/// Largest delivery body accepted. A SUMIT delivery holds one card with the columns of
/// one view: a few KB. One MiB leaves room for long text columns and stops a hostile
/// body from costing more than a bounded parse.
pub const MAX_DELIVERY_BYTES: usize = 1 << 20;

/// Most properties (columns) on one card or delivery.
pub const MAX_PROPERTIES: usize = crate::api::MAX_CARD_PROPERTIES;

/// Cards a matcher remembers when the caller does not say; the least recently seen
/// card is forgotten first.
pub const DEFAULT_MAX_CARDS: usize = 100_000;

/// Upper bound for the `maxCards` option (about 60 MB of memory at the top).
pub const MAX_CARDS_LIMIT: usize = 1_000_000;

/// Most subscriptions one matcher holds.
pub const MAX_SUBSCRIPTIONS: usize = 1_000;

/// Most filters on one subscription.
pub const MAX_FILTERS: usize = 100;

/// Most cards in one listing given to `diffListing` (and so in its state).
pub const MAX_LISTING_CARDS: usize = 2_000_000;

/// Largest saved state accepted back (matcher or listing), in characters.
pub const MAX_STATE_CHARS: usize = 64 << 20;
