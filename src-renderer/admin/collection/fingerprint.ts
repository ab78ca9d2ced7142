/** AA:BB:CC:DD:EE:FF:… in groups of four bytes, so it can be read aloud and compared by eye. */
export function groupFingerprint(fingerprint: string): string {
  const bytes = fingerprint.split(':');
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) groups.push(bytes.slice(i, i + 4).join(':'));
  return groups.join(' ');
}
