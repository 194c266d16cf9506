import { defineConfig } from 'vitest/config'
import { postgresForTests } from './scripts/postgres-for-tests.ts'

// The BFF suite runs once per database engine. PostgreSQL joins when reachable; under CI it must be.
const postgres = await postgresForTests()

export default defineConfig({
  test: {
    reporters: ['default', './scripts/closing-line-reporter.ts'],
    projects: [
      { test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'bff:sqlite', root: './bff', include: ['src/**/*.test.ts'], env: { TEST_DB: 'sqlite' } } },
      ...(postgres.url
        ? [{ test: { name: 'bff:postgres', root: './bff', include: ['src/**/*.test.ts'], env: { TEST_DB: 'postgres', TEST_PG_URL: postgres.url } } }]
        : []),
      // The miniapp project is required; its absence should fail loudly, so it is listed unconditionally.
      './miniapp/vitest.config.mts',
      { test: { name: 'e2e:h5', root: './bff', include: ['e2e/**/*.e2e.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } },
    ],
  },
})
