// Types of the actions exports (pkg/lib/actions.js).
export {};
