// The publish workers' entries. Named from render/ so the relative paths hold both compiled
// (dist/render/) and bundled (dist/bundle/, where each worker is an entry of its own).
export const PUBLISH_WORKER_URL = new URL('./publish-worker.js', import.meta.url);
export const SHARE_WORKER_URL = new URL('./publish-share-worker.js', import.meta.url);
