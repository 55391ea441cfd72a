// The publish worker's entry. Named from render/ so the relative path holds both compiled
// (dist/render/) and bundled (dist/bundle/, where each worker is an entry of its own).
export const PUBLISH_WORKER_URL = new URL('./publish-worker.js', import.meta.url);
