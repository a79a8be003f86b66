/**
 * This browser's Outpost settings in localStorage (theme, list orders, a device name still
 * being typed, the network lab's token): every key starts with "outpost". Forgotten when the
 * device is cleared. The typing journal's keys go with their databases (forgetTyping).
 */
export function forgetLocalPreferences(): void {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index));
    for (const key of keys) if (key?.startsWith('outpost')) localStorage.removeItem(key);
  } catch {
    // Storage refused (private mode): there is nothing kept to forget.
  }
}
