import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const weapp = join(import.meta.dirname, '../../miniapp/dist/weapp')

describe('the weapp build', () => {
  it('holds app.json and every page of the main package and subpackages', () => {
    expect(existsSync(join(weapp, 'app.json')), 'run the weapp build first').toBe(true)
    const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages?: { root: string; pages: string[] }[]
      subpackages?: { root: string; pages: string[] }[]
    }
    const subPackages = app.subPackages ?? app.subpackages ?? []
    const pages = [
      ...app.pages,
      ...subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`.replace(/\/+/g, '/'))),
    ]
    expect(pages).toEqual(
      expect.arrayContaining(['pages/home/index', 'pages/login/index', 'membership/pages/join/index']),
    )
    for (const page of pages) {
      for (const ext of ['js', 'json', 'wxml'])
        expect(existsSync(join(weapp, `${page}.${ext}`)), `${page}.${ext}`).toBe(true)
    }
  })
})
