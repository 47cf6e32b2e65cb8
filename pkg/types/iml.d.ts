// Types of the iml exports (pkg/lib/iml.js).
export {};
