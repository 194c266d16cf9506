// Interleaved 2 of 5 (ITF) is simple enough to encode without a library: each digit is five elements, two of
// them wide, and digit pairs interleave (the first digit in the bars, the second in the spaces). It only takes
// an even number of digits, which the 18-digit member code has.
const patterns = ['nnwwn', 'wnnnw', 'nwnnw', 'wwnnn', 'nnwnw', 'wnwnn', 'nwwnn', 'nnnww', 'wnnwn', 'nwnwn']

/** Width of a wide element in narrow modules; 3 is the most forgiving ratio the symbology allows. */
export const itfWideRatio = 3

/**
 * The element widths of an ITF symbol for `digits`, in narrow modules, starting with a bar and alternating
 * bar/space. Null for anything that is not an even number of digits.
 */
export function itfElements(digits: string): number[] | null {
  if (!/^(\d\d)+$/.test(digits)) return null
  const width = (c: string) => (c === 'w' ? itfWideRatio : 1)
  const elements = [1, 1, 1, 1] // start: narrow bar, narrow space, narrow bar, narrow space
  for (let i = 0; i < digits.length; i += 2) {
    const bars = patterns[Number(digits[i])]
    const spaces = patterns[Number(digits[i + 1])]
    for (let k = 0; k < 5; k += 1) elements.push(width(bars[k]), width(spaces[k]))
  }
  elements.push(itfWideRatio, 1, 1) // stop: wide bar, narrow space, narrow bar
  return elements
}
