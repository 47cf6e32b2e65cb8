// Types of the trigger exports (pkg/lib/trigger.js).
export {};
