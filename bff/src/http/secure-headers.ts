import { createHash } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'

/** A script element without a src attribute, and its text: the only scripts a page may run without a file. */
const inlineScript = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi

/** The CSP sources that allow exactly these inline scripts, by the SHA-256 of their text (CSP level 2 hashes). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = [...html.matchAll(inlineScript)]
    .map((match) => match[1] ?? '')
    .filter((text) => text.trim() !== '')
    .map((text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`)
  return [...new Set(hashes)]
}

/**
 * The policy of a page this server sends (the H5 app, the API reference): scripts only from this origin plus the
 * page's own inline scripts by hash, so injected markup cannot run script; images also from data: and blob: URLs
 * (QR codes, chosen photos); no plugins, no <base>, and no framing by any site (clickjacking).
 */
export function pagePolicy(scriptHashes: string[]): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval': the built H5 bundle calls eval/Function once while loading (Chromium reported it in
    // bff/e2e/secure-headers.e2e.ts); injected markup still cannot run, as inline scripts need their hash.
    `script-src 'self' 'unsafe-eval'${scriptHashes.map((hash) => ` ${hash}`).join('')}`,
    // React, Taro and NutUI set style attributes and inject style elements at run time; CSS cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Everything that is not a page (JSON, images, scripts) may load nothing and be framed by nobody. */
export const nonPagePolicy = "default-src 'none'; frame-ancestors 'none'"

/**
 * Security headers on every answer, errors and 404s included: no MIME sniffing (an uploaded file is never run as
 * script), a Content-Security-Policy, no framing, no Referer leaving the site (join links carry store scenes), and
 * no caching of API answers, which hold members' data, by the browser or a proxy. An answer that chose its own
 * caching (a public, immutable asset) keeps it.
 */
export const secureHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  const headers = c.res.headers
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('X-Frame-Options', 'DENY')
  headers.set('Referrer-Policy', 'no-referrer')
  headers.set('Cross-Origin-Opener-Policy', 'same-origin')
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  }
  if (headers.has('Content-Security-Policy')) return
  const isPage = (headers.get('Content-Type') ?? '').startsWith('text/html')
  if (!isPage) {
    headers.set('Content-Security-Policy', nonPagePolicy)
    return
  }
  const html = c.req.method === 'HEAD' ? '' : await c.res.clone().text()
  // Read the headers again: under @hono/node-server, cloning turns its light response into a standard one with a
  // copy of the headers, so the object fetched before the clone is no longer the response's.
  c.res.headers.set('Content-Security-Policy', pagePolicy(inlineScriptHashes(html)))
})
