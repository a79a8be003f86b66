/**
 * A name for this device until the person gives it one (Settings): the browser and the
 * platform, as a person would say them ("Chrome on Android", "Firefox on Linux"). Read from the
 * user-agent string, which the page and the service worker both have. Order matters: Edge and
 * Opera also say Chrome, Chrome also says Safari, Android also says Linux.
 */
export function defaultDeviceName(userAgent: string): string {
  const browser = firstMatch(userAgent, BROWSERS) ?? 'A browser';
  const platform = firstMatch(userAgent, PLATFORMS);
  return platform ? `${browser} on ${platform}` : browser;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrom(e|ium)\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const PLATFORMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

function firstMatch(text: string, patterns: [RegExp, string][]): string | undefined {
  return patterns.find(([pattern]) => pattern.test(text))?.[1];
}

/** The default name of the device this runs on (page or worker; "A browser" outside one). */
export function thisDeviceDefaultName(): string {
  // Node before 21 (the tests' engine runs) has no navigator.
  return defaultDeviceName(globalThis.navigator?.userAgent ?? '');
}
