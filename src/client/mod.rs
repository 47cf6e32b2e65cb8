//! The OfficeGuy client: call policy (retries, paging) over a transport (gloo-net in wasm).
