/**
 * [A6] "Chrome on Android": a short label for a session, read from the User-Agent it signed in
 * with, so a person can tell their sessions apart. Order matters: Edge and Opera also say
 * Chrome, Chrome also says Safari, and Android also says Linux.
 */
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Chrome\/|Chromium\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function browserLabel(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const first = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(userAgent));
  const browser = first(BROWSERS)?.[1];
  const system = first(SYSTEMS)?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? null;
}
