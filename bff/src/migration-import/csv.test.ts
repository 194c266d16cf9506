import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvError, parseCsv, toCsv } from './csv'

const fieldsOf = (text: string) => parseCsv(text).map((record) => record.fields)

describe('parseCsv', () => {
  it.each([
    [
      'plain LF',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'lone CR (old Excel for Mac)',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'BOM is dropped',
      '\ufeffphone,name\n1,2\n',
      [
        ['phone', 'name'],
        ['1', '2'],
      ],
    ],
    ['quoted field with a comma', '"张, 三",2\n', [['张, 三', '2']]],
    ['escaped quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['a field that is one quote', '"""",x\n', [['"', 'x']]],
    ['quoted line breaks stay in the field', '"a\r\nb\nc",d\n', [['a\r\nb\nc', 'd']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['empty quoted field', '"",x\n""\n', [['', 'x'], ['']]],
    ['blank lines are skipped', 'a\n\n\r\nb\n\n', [['a'], ['b']]],
    ['spaces are kept (the importer trims)', ' a , b \n', [[' a ', ' b ']]],
    [
      'Chinese text',
      '会员,成长值\n林小夏,100\n',
      [
        ['会员', '成长值'],
        ['林小夏', '100'],
      ],
    ],
    ['empty file', '', []],
    ['only a BOM', '\ufeff', []],
  ])('%s', (_, text, expected) => {
    expect(fieldsOf(text)).toEqual(expected)
  })

  it('numbers each record by the line it starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h1,h2\n"multi\nline",x\r\n\r\nlast,y\n')
    expect(records.map((r) => r.line)).toEqual([1, 2, 5])
  })

  it.each([
    ['a quote inside an unquoted field', 'a,b\n1,ab"c\n', 2, /quote inside an unquoted field/],
    ['text after a closing quote', 'a,b\n"x"y,1\n', 2, /text after a closing quote/],
    ['an unclosed quote, reported where it opened', 'a,b\n1,2\n"open,3\n4,5\n', 3, /never closed/],
    ['a second quoted part', '"a""b" "c",1\n', 1, /text after a closing quote/],
  ])('refuses %s with its line number', (_, text, line, message) => {
    let caught: unknown
    try {
      parseCsv(text)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CsvError)
    expect((caught as CsvError).line).toBe(line)
    expect((caught as CsvError).message).toMatch(message)
    expect((caught as CsvError).message).toMatch(new RegExp(`^line ${line}:`))
  })

  it('reads back whatever toCsv writes, for any text', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\r', '\n', ' ', '1') })
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (records) => {
          expect(fieldsOf(toCsv(records))).toEqual(records)
        },
      ),
    )
  })
})
