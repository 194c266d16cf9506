import { defineConfig } from 'vitest/config'
import { postgresForTests } from './scripts/postgres-for-tests.ts'

// The BFF suite runs once per database engine. PostgreSQL is required unless TEST_SKIP_POSTGRES=1 opts out;
// an unreachable server fails the run here, before any test starts.
const postgres = await postgresForTests()

// The BFF's concurrency specs send a hundred requests at once while the other projects share the two cores;
// their time says nothing about the product (the benchmarks measure that), so they get room beyond 5 s.
// Every BFF file imports the whole app: isolated, each import took about 1.2 s of one core (175 of the SQLite
// project's 385 s). Its files share the worker's modules instead (146 s, PostgreSQL 254 s); each file still opens
// its own database, and the few that change process state (fault points) put it back. The miniapp's jsdom files
// stay isolated: their stores live in modules.
const bffProject = { testTimeout: 20_000, hookTimeout: 30_000, isolate: false }

export default defineConfig({
  test: {
    reporters: ['default', './scripts/closing-line-reporter.ts'],
    projects: [
      { test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'bff:sqlite',
          root: './bff',
          include: ['src/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
          ...bffProject,
          sequence: { groupOrder: 0 },
        },
      },
      ...(postgres.url
        ? [
            {
              test: {
                name: 'bff:postgres',
                root: './bff',
                include: ['src/**/*.test.ts'],
                env: { TEST_DB: 'postgres', TEST_PG_URL: postgres.url },
                ...bffProject,
                sequence: { groupOrder: 0 },
              },
            },
          ]
        : []),
      // The miniapp project is required; its absence should fail loudly, so it is listed unconditionally.
      './miniapp/vitest.config.mts',
      // Browser tests run after the other projects, not beside them: on two cores a page racing the whole
      // suite for CPU times out on waits that measure nothing about the product. Among themselves two files run
      // at once (each has its own server, database and Chromium): 137 tests in 353 s against about 12 min one
      // file at a time, which kept CI near its 30 min limit.
      {
        test: {
          name: 'e2e:h5',
          root: './bff',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
