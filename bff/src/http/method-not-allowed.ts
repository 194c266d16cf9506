import type { Context } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import type { AppEnv } from '../deps'
import { errorBody, handleNotFound } from './errors'

/** A route as Hono lists it in `app.routes`; middleware is listed with the method ALL. */
interface ListedRoute {
  method: string
  path: string
}

/** Catch-alls (the H5 app's file and index.html fallback) would otherwise make every path "exist" for GET. */
const catchAll = new Set(['*', '/*'])

/**
 * Builds the not-found handler: a path that exists under other methods answers 405 with `Allow` listing them
 * (RFC 9110 §15.5.6), anything else the JSON 404. The routes are read when first needed, since the app is complete
 * only then, and read again if routes were added since.
 */
export function answerUnrouted(routes: () => readonly ListedRoute[]) {
  let built: { count: number; router: TrieRouter<string>; methods: string[] } | undefined
  const routerFor = (listed: readonly ListedRoute[]) => {
    if (built?.count === listed.length) return built
    const router = new TrieRouter<string>()
    const methods = new Set<string>()
    for (const route of listed) {
      if (route.method === 'ALL' || catchAll.has(route.path)) continue
      router.add(route.method, route.path, route.method)
      methods.add(route.method)
    }
    built = { count: listed.length, router, methods: [...methods] }
    return built
  }
  return (c: Context<AppEnv>): Response => {
    const { router, methods } = routerFor(routes())
    const allowed = methods.filter((method) => router.match(method, c.req.path)[0].length > 0)
    if (allowed.length === 0) return handleNotFound(c)
    if (allowed.includes('GET')) allowed.push('HEAD')
    c.header('Allow', allowed.sort().join(', '))
    return c.json(errorBody('METHOD_NOT_ALLOWED'), 405)
  }
}
