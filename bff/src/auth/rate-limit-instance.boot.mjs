// Starts a rate-limit spec's second BFF instance in its worker thread: the thread needs the TypeScript loader
// registered before it imports the instance (rate-limit-worker-test-kit.ts).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.script)
