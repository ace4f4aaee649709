import { headingSlug, Slugger } from '../../src/catalogue/slug.js';

describe('headingSlug', () => {
  test.each([
    ['2302001 WebSocket URL Error', '2302001-websocket-url-error'],
    ['-1 Time and Time Zone Service Error', '-1-time-and-time-zone-service-error'],
    ['16600001 The system ability works abnormally.', '16600001-the-system-ability-works-abnormally'],
    ["2302004 Can't listen (NIC)", '2302004-cant-listen-nic'],
    ['14800000 Internal_Error  Twice', '14800000-internal_error--twice'],
  ])('%s -> %s', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });
});

describe('Slugger', () => {
  test('numbers repeated headings like GitHub, even when a numbered one exists already', () => {
    const slugger = new Slugger();
    expect(['Errors', 'Errors', 'Errors-1', 'Errors'].map((h) => slugger.slug(h))).toEqual([
      'errors',
      'errors-1',
      'errors-1-1',
      'errors-2',
    ]);
  });
});
