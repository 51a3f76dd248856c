/**
 * Picks `count` distinct word positions (0-based, ascending) of a phrase of
 * `length` words for the user to type back, using the browser's CSPRNG.
 */
export function pickWordPositions(length: number, count = 3, random = cryptoRandom): number[] {
  if (count > length) throw new RangeError('Cannot ask for more words than the phrase has.')
  const picked = new Set<number>()
  while (picked.size < count) picked.add(Math.floor(random() * length))
  return [...picked].sort((a, b) => a - b)
}

/** Whether each typed word matches the phrase's word at its position (case and spaces ignored). */
export function wordsMatch(phrase: string[], answers: Record<number, string>): boolean {
  return Object.entries(answers).every(
    ([position, typed]) => phrase[Number(position)] === typed.trim().toLowerCase(),
  )
}

function cryptoRandom(): number {
  const buffer = new Uint32Array(1)
  crypto.getRandomValues(buffer)
  return buffer[0]! / 2 ** 32
}
