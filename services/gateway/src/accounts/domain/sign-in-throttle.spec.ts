import { clientAddressKey } from './sign-in-throttle';

describe('the client an address stands for (per-address sign-in rules)', () => {
  it('is the IPv4 address itself, also when a dual-stack socket writes it as IPv6', () => {
    expect(clientAddressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddressKey('::FFFF:192.0.2.7')).toBe('192.0.2.7');
  });

  it('is the /64 of an IPv6 address, however the address is written', () => {
    const key = '2001:db8:a:b::/64';
    for (const address of [
      '2001:db8:a:b::1',
      '2001:0db8:000a:000b:0000:0000:0000:0001',
      '2001:DB8:A:B:ffff:ffff:ffff:ffff',
      '2001:db8:a:b:1::',
      '2001:db8:a:b::192.0.2.1',
      '2001:db8:a:b::1%eth0',
    ])
      expect(clientAddressKey(address)).toBe(key);
    expect(clientAddressKey('2001:db8:a:c::1')).toBe('2001:db8:a:c::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('leaves what is no address as it is', () => {
    for (const odd of ['unknown', '1:2:3', '1::2::3', '2001:db8:a:b:c:d:e:f:0', 'g::1'])
      expect(clientAddressKey(odd)).toBe(odd);
  });
});
