// Types of the client exports (pkg/lib/client.js).
export {};
