import { describe, expect, it } from 'vitest'
import type { ReportTable } from '@mc/shared'
import { tableCsv } from './results-csv'

describe('results table as CSV', () => {
  it('writes a BOM, the labels and quoted cells', () => {
    const table: ReportTable = {
      key: 'arms',
      title: '分组',
      columns: [
        { key: 'arm', label: '分组', unit: 'text' },
        { key: 'members', label: '人数', unit: 'count' },
      ],
      rows: [
        { arm: '发送', members: 1200 },
        { arm: '对照组, "留出"', members: null },
      ],
      chart: null,
      insufficient: null,
    }
    expect(tableCsv(table)).toBe('\uFEFF分组,人数\r\n发送,1200\r\n"对照组, ""留出""",\r\n')
  })
})
