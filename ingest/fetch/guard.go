package fetch

import (
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// blockedPrefixes are the ranges a crawler must not reach on behalf of a
// feed URL: they address the machine itself, its network, or cloud
// metadata services.
var blockedPrefixes = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",       // "this network"; 0.0.0.0 reaches the local host
		"10.0.0.0/8",      // private
		"100.64.0.0/10",   // carrier-grade NAT
		"127.0.0.0/8",     // loopback
		"169.254.0.0/16",  // link-local, including the 169.254.169.254 metadata service
		"172.16.0.0/12",   // private
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // documentation
		"192.88.99.0/24",  // 6to4 relay anycast
		"192.168.0.0/16",  // private
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // documentation
		"203.0.113.0/24",  // documentation
		"224.0.0.0/4",     // multicast
		"240.0.0.0/4",     // reserved, and 255.255.255.255 broadcast
		// IPv6 ranges that carry an IPv4 address. IPv4-mapped
		// (::ffff:0:0/96) and well-known NAT64 (64:ff9b::/96) addresses
		// are judged by the IPv4 address they carry (see BlockedAddr):
		// the packet goes to that address, and DNS64 answers for public
		// IPv4-only sites land in 64:ff9b::/96. The others are refused
		// outright: they are deprecated or their embedding is not fixed,
		// and no feed needs them.
		"::/96",           // IPv4-compatible (deprecated), also :: and ::1
		"::ffff:0:0:0/96", // IPv4-translated (SIIT)
		"64:ff9b:1::/48",  // local-use NAT64: the IPv4 address sits where the operator chose
		"2001::/32",       // Teredo: embeds a server's IPv4 address
		"2002::/16",       // 6to4 (deprecated): embeds an IPv4 address
		"100::/64",        // discard-only
		"2001:db8::/32",   // documentation
		"fc00::/7",        // unique local, including AWS's fd00:ec2::254 metadata address
		"fe80::/10",       // link-local
		"fec0::/10",       // deprecated site-local
		"ff00::/8",        // multicast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// Blocked reports whether ip is an address the crawler refuses to connect
// to unless private networks are allowed. IPv4-mapped IPv6 addresses are
// judged by the IPv4 address they carry.
func Blocked(ip net.IP) bool {
	addr, ok := netip.AddrFromSlice(ip)
	if !ok {
		return true
	}
	return BlockedAddr(addr)
}

// nat64 is the well-known NAT64 prefix (RFC 6052): 64:ff9b::a.b.c.d is
// the IPv4 address a.b.c.d reached through a translator.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// BlockedAddr is Blocked for a netip.Addr.
func BlockedAddr(addr netip.Addr) bool {
	// A zone ("fe80::1%eth0") picks the interface, not another
	// destination, and netip.Prefix.Contains is false for every zoned
	// address: without this line "[::1%25lo]" would pass as public.
	addr = addr.WithZone("").Unmap()
	if !addr.IsValid() {
		return true
	}
	if nat64.Contains(addr) {
		b := addr.As16()
		addr = netip.AddrFrom4([4]byte(b[12:]))
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// LooseIPv4 reads the spellings of an IPv4 address that the C library's
// inet_aton accepts and URL parsers let through: a single 32-bit number
// ("2130706433"), octal and hexadecimal parts ("0177.0.0.1", "0x7f.1"),
// and fewer than four parts ("127.1"). It reports false for anything
// else, host names included.
func LooseIPv4(host string) (netip.Addr, bool) {
	parts := strings.Split(host, ".")
	if len(parts) == 0 || len(parts) > 4 {
		return netip.Addr{}, false
	}
	vals := make([]uint64, len(parts))
	for i, p := range parts {
		if p == "" {
			return netip.Addr{}, false
		}
		base := 10
		switch {
		case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil && !(p == "" && base == 16) {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	var n uint64
	last := len(vals) - 1
	for i, v := range vals[:last] {
		if v > 0xff {
			return netip.Addr{}, false
		}
		n |= v << (8 * uint(3-i))
	}
	if vals[last] >= 1<<(8*uint(4-last)) {
		return netip.Addr{}, false
	}
	n |= vals[last]
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// HostBlocked reports whether a URL host names a refused address by
// itself: an IP literal or a loose IPv4 spelling in a blocked range.
// Host names are judged at dial time, on the address they resolve to.
func HostBlocked(host string) bool {
	a, ok := HostAddr(host)
	return ok && BlockedAddr(a)
}

// HostAddr reads a URL host ("[::1%lo]", "::1%lo", "2130706433") as an
// address, without its zone; it reports false for host names.
func HostAddr(host string) (netip.Addr, bool) {
	host = strings.Trim(host, "[]")
	// url.URL.Hostname keeps a zone, and a zone changes nothing about
	// where a connection goes.
	host, _, _ = strings.Cut(host, "%")
	if a, err := netip.ParseAddr(host); err == nil {
		return a, true
	}
	return LooseIPv4(host)
}
