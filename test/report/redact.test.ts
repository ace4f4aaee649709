import fc from 'fast-check';
import { redactText } from '../../src/report/redact.js';

describe('redactText', () => {
  it.each([
    ['IPv4', 'connect to 192.168.1.20:8080 failed', 'connect to <ipv4>:8080 failed'],
    ['IPv6 compressed with zone', 'peer fe80::1c2a:3bff:fe4d:5e6f%wlan0 down', 'peer <ipv6> down'],
    ['IPv6 full', 'addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334.', 'addr <ipv6>.'],
    ['IPv6 loopback', 'bind [::1]:80', 'bind [<ipv6>]:80'],
    ['MAC', 'bssid 3c:2a:3b:4d:5e:6f rssi', 'bssid <mac> rssi'],
    ['MAC with dashes', 'mac=3C-2A-3B-4D-5E-6F', 'mac=<mac>'],
    ['e-mail', 'user ops.team+x@example.co.uk logged in', 'user <email> logged in'],
    ['UUID', 'session 123e4567-e89b-12d3-a456-426614174000 end', 'session <id> end'],
    ['device id (64 hex)', 'udid=9F8E7D6C5B4A39281706F5E4D3C2B1A09F8E7D6C5B4A39281706F5E4D3C2B1A0', 'udid=<hex>'],
    ['0x handle', 'netId 0x7f3a2b1c4d5e6f70 gone', 'netId <hex> gone'],
    ['bearer token', 'Authorization: Bearer eyJhbGciOi.J9.abc-_= next', 'Authorization: Bearer <token> next'],
    ['URL query values', 'GET https://api.example.com/v1?key=s3cr3t&user=alice#frag ok', 'GET https://api.example.com/v1?key=<redacted>&user=<redacted>#frag ok'],
  ])('masks %s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['hilog time and pids', '11-21 08:00:02.120  5394  5394 E C015B0/com.example.app/NETSTACK: code 2302001'],
    ['error codes and JSON', '{"code":2302001,"message":"Websocket url error"}'],
    ['a three-part version', 'OpenHarmony 5.0.3 release'],
    ['a C++ scope', 'std::string NetManager::Start failed'],
    ['a millisecond epoch', 'at 1763712002120 ms'],
    ['a short hex id', 'domain C015B0 handle 0xdeadbeef'],
    ['a URL without query', 'open wss://chat.example.com/ws now'],
  ])('leaves %s alone', (_name, input) => {
    expect(redactText(input)).toBe(input);
  });

  it('is idempotent', () => {
    const pieces = fc.constantFrom('10.0.0.1', 'fe80::1', 'a@b.io', 'Bearer abc', 'http://x.io/?q=1&r=2', '3c:2a:3b:4d:5e:6f', 'deadbeefdeadbeef00', ' ', 'text', ':', '?', '=');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (text) => {
        const once = redactText(text);
        expect(redactText(once)).toBe(once);
      }),
    );
  });
});
