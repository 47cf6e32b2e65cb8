// Types of the makeapp exports (pkg/lib/makeapp.js).
export {};
