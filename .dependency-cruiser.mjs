// Import rules checked by `pnpm lint:deps` (dependency-cruiser): no import cycles anywhere in the three packages'
// sources (type-only imports count: tsPreCompilationDeps), and the BFF's floors from bff/layers.json.
import { bffLayerRules } from './scripts/bff-layers.mjs'

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This module is part of an import cycle (type-only imports included). Break it: move what both sides ' +
        'need into a module both can import, or pass it in as an argument.',
      from: { path: '^(shared|bff|miniapp)/src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved, so the cycle and floor checks cannot see where it leads.',
      from: { path: '^(shared|bff|miniapp)/src/' },
      to: { couldNotResolve: true },
    },
    ...bffLayerRules(),
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.artifacts)/' },
    // Workspace packages and hono's subpaths (hono/factory) resolve through package.json "exports".
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
}
