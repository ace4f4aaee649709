import { UNIVERSAL_ENTRIES } from '../../src/catalogue/universal.js';

const byCode = new Map(UNIVERSAL_ENTRIES.map((e) => [e.code, e]));

describe('UNIVERSAL_ENTRIES', () => {
  test('holds exactly 201, 202, 203, 401 and 801', () => {
    expect(UNIVERSAL_ENTRIES.map((e) => e.code)).toEqual(['201', '202', '203', '401', '801']);
  });

  test.each([
    ['201', 'Permission verification failed. The application does not have the permission required to call the API.'],
    ['202', 'Permission verification failed. A non-system application calls a system API.'],
    ['203', 'This function is prohibited by enterprise management policies.'],
    [
      '401',
      'Parameter error. Possible causes: 1. Mandatory parameters are left unspecified; 2. Incorrect parameter types; 3. Parameter verification failed.',
    ],
    ['801', 'Capability not supported. Failed to call the API due to limited device capabilities.'],
  ])('%s carries the documented message', (code, message) => {
    expect(byCode.get(code)?.message).toBe(message);
  });

  test.each([
    ['201', ['Permission denied']],
    ['202', ['Non-system applications use system APIs']],
    ['203', []],
    ['401', ['Parameter error']],
    ['801', ['Capability not supported']],
  ])('%s has the short runtime form as alias', (code, aliases) => {
    expect(byCode.get(code)?.aliases).toEqual(aliases);
  });

  test('every entry is a complete Universal entry keyed on the universal page', () => {
    for (const entry of UNIVERSAL_ENTRIES) {
      expect(entry.id).toBe(`errorcode-universal.md#${entry.code}`);
      expect(entry.page).toEqual({ title: 'Universal Error Codes', file: 'errorcode-universal.md' });
      expect(entry.module).toBe('Universal');
      expect(entry.reference.anchor.startsWith(`${entry.code}-`)).toBe(true);
      expect(entry.description).not.toBe('');
      expect(entry.causes.length).toBeGreaterThan(0);
      expect(entry.solutions.length).toBeGreaterThan(0);
      expect(entry.systemOnly).toBe(false);
    }
    expect(byCode.get('201')?.reference.anchor).toBe('201-permission-denied');
  });
});
