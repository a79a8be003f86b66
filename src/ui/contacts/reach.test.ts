import { describe, expect, it } from 'vitest';
import { mailtoHref, telHref } from './reach.ts';

describe('mailtoHref', () => {
  it('links a valid address, and encodes what would add headers', () => {
    expect(mailtoHref('ada@example.com')).toBe('mailto:ada@example.com');
    expect(mailtoHref(' ada@example.com ')).toBe('mailto:ada@example.com');
    expect(mailtoHref('a?cc=x&y@example.com')).toBe('mailto:a%3Fcc%3Dx%26y@example.com');
  });

  it('gives no link for an empty or invalid address', () => {
    for (const email of ['', 'ada@', 'ada', 'javascript:alert(1)', 'a b@example.com']) {
      expect(mailtoHref(email)).toBeUndefined();
    }
  });
});

describe('telHref', () => {
  it('keeps the digits, a leading + and the dialler signs', () => {
    expect(telHref('+44 (20) 7946-0958')).toBe('tel:+442079460958');
    expect(telHref('555 1234 #2')).toBe('tel:5551234%232');
    expect(telHref('*123#')).toBe('tel:*123%23');
    expect(telHref('+1 202 555 0100 ext. 89')).toBe('tel:+12025550100');
    expect(telHref('202 555 0100 x89')).toBe('tel:2025550100');
  });

  it('gives no link for fewer than three digits or for words', () => {
    for (const phone of ['', '12', 'call me', 'javascript:alert(1)']) {
      expect(telHref(phone)).toBeUndefined();
    }
  });
});
