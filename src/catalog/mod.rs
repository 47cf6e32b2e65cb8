//! The catalogue: every action and trigger as data (labels, endpoint, Make parameter specs).
