/**
 * Keeps `head` characters at the start and `tail` at the end and stars the
 * rest, one star per character. A value too short to hide anything between
 * the two ends is starred entirely: a mask never returns the whole value.
 */
export function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}
