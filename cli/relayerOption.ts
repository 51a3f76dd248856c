/** Help for `--relayer`, which pay, unshield and merge take. */
export const relayerHelp =
  'relay through this relayer; repeat for several: the cheapest healthy one is used, the next if it refuses (default: the configured ones)'

/** Commander's parser for a repeatable `--relayer <url>`: each one is added to the list. */
export function collectUrls(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? previous : []), value]
}

/** `--relayer` as parsed: the URLs given, `false` for `--no-relayer`, or nothing. */
export type RelayerOption = string[] | false | undefined
