//! The OfficeGuy API model: enums with names and codes, endpoints, the response envelope.
