package memtest

import "testing"

var sink []byte

func TestAllocated(t *testing.T) {
	const n = 8 << 20
	if got := Allocated(func() { sink = make([]byte, n) }); got < n {
		t.Errorf("Allocated = %d bytes while f allocated %d", got, n)
	}
	sink = nil
}
