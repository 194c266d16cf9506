import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends the run with one plain line, `vitest: N passed, N failed, N skipped`, after vitest's own summary, so CI
 * tools that read only the last line see the counts.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') counts.passed += 1
        else if (state === 'failed') counts.failed += 1
        else counts.skipped += 1
      }
      if (module.state() === 'failed' && module.children.size === 0) counts.failed += 1
    }
    counts.failed += unhandledErrors.length
    process.stdout.write(`vitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`)
  }
}
