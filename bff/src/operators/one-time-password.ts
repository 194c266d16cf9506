import { randomInt } from 'node:crypto'

// No 0/O, 1/l/I: the password is read off a screen and typed once.
const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ'
const digits = '23456789'

/** Twelve characters, at least one letter and one digit, so it passes the password rules it is changed under. */
export function oneTimePassword(): string {
  const alphabet = letters + digits
  const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)])
  chars.push(letters[randomInt(letters.length)], digits[randomInt(digits.length)])
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}
