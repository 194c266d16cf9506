import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { newId } from '../ids'
import { pageCursor, pageLimit } from './page-query'

describe('page queries', () => {
  const Query = z.strictObject({ cursor: pageCursor('rdm'), limit: pageLimit(50, 20) })

  it.each([
    [{}, 20],
    [{ limit: '1' }, 1],
    [{ limit: '16' }, 16],
    [{ limit: '016' }, 16],
    [{ limit: '50' }, 50],
  ])('reads %j as a page of %i', (query, limit) => {
    expect(Query.parse(query).limit).toBe(limit)
  })

  it.each(['0x10', '0b1', '0o7', '1e1', '16.0', '+16', '-1', ' 16', '16 ', '', '0', '51', '99999', 'Infinity', 'NaN'])(
    'refuses limit=%j',
    (limit) => {
      expect(Query.safeParse({ limit }).success).toBe(false)
    },
  )

  it('takes a cursor shaped like the id it continues from, and nothing else', () => {
    const id = newId('rdm')
    expect(Query.parse({ cursor: id }).cursor).toBe(id)
    for (const cursor of [
      '',
      'rdm_',
      newId('ntf'),
      `${id}x`,
      id.toLowerCase(),
      "rdm_' OR 1=1 --",
      'z'.repeat(64),
      `rdm_${'0'.repeat(25)}é`,
    ])
      expect(Query.safeParse({ cursor }).success, cursor).toBe(false)
  })

  it('refuses a prefix that is not three lower-case letters when the schema is written', () => {
    expect(() => pageCursor('rd')).toThrow()
    expect(() => pageCursor('rd.')).toThrow()
  })
})
